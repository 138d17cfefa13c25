// Command ismsforge generates and maintains an ISO/IEC 27001:2022 document
// pack from one facts file. Every command is a thin wrapper over the engine
// package.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/customize"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/importer"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/source"
)

// Exit codes.
const (
	exitOK       = 0
	exitInput    = 1 // a problem with the user's input
	exitInternal = 2 // a bug or an environment failure
)

func main() {
	// SIGTERM too: watch and serve stop the way they do on Ctrl-C.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the CLI and returns the exit code; tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	return report(stderr, err)
}

// report prints an error the way users expect: diagnostics in their
// file:line:col form, anything else as an internal error.
func report(w io.Writer, err error) int {
	var usage *usageError
	var found *errFindings
	var list diag.List
	var d *diag.Diagnostic
	switch {
	case errors.As(err, &found):
		return exitInput // check has printed its findings
	case errors.As(err, &usage):
		fmt.Fprintf(w, "ismsforge: %v\n", usage.err)
		return exitInput
	case errors.As(err, &list):
		list.Sort()
		for _, d := range list {
			fmt.Fprintln(w, d.Error())
		}
		fmt.Fprintf(w, "ismsforge: %d %s\n", len(list.Errors()), plural(len(list.Errors()), "error", "errors"))
		return exitInput
	case errors.As(err, &d):
		fmt.Fprintln(w, d.Error())
		return exitInput
	case isUserFacing(err):
		fmt.Fprintf(w, "ismsforge: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(w, "ismsforge: internal error: %v\n", err)
	return exitInternal
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// usageError wraps a mistake in the command line itself.
type usageError struct{ err error }

func (u *usageError) Error() string { return u.err.Error() }

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "ismsforge",
		Short: "Generate and maintain an ISO/IEC 27001:2022 document pack from one facts file",
		Long: `ismsforge combines an organization's facts (isms.yaml) with Markdown templates
to write its ISO/IEC 27001:2022 documents: a document for every clause 4-10, a
topic policy for each Annex A theme, the Statement of Applicability, the risk
register and the treatment plan, as an HTML site and PDFs.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(newBuildCmd(), newCheckCmd(), newDiffCmd(), newReleaseCmd(), newVerifyCmd(), newKeygenCmd(), newCatalogCmd(), newGapsCmd(), newTemplatesCmd(), newThemeCmd(), newInitCmd(), newImportCmd(), newWatchCmd(), newServeCmd(), newVersionCmd())
	return root
}

// isUserFacing reports errors that the user caused and can fix, though they
// carry no file position: refusing to overwrite, an unsafe output directory.
func isUserFacing(err error) bool {
	var exists *engine.ExistsError
	var unsafe *pack.UnsafeOutputError
	var escape *source.PathEscapeError
	var rel *engine.ReleaseError
	var impExists *importer.ExistsError
	var impSource *importer.SourceError
	var unknown *customize.UnknownError
	var notBuiltin *customize.NotBuiltinError
	return errors.As(err, &exists) || errors.As(err, &unsafe) || errors.As(err, &escape) || errors.As(err, &rel) ||
		errors.As(err, &impExists) || errors.As(err, &impSource) || errors.As(err, &unknown) || errors.As(err, &notBuiltin)
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
