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
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/critical"
	"github.com/ismsforge/ismsforge/engine/customize"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/importer"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/releases"
	"github.com/ismsforge/ismsforge/engine/source"
	"github.com/ismsforge/ismsforge/engine/starter"
)

// Exit codes.
const (
	exitOK       = 0
	exitInput    = 1 // a problem with the user's input
	exitInternal = 2 // a bug or an environment failure
	// exitInterrupted is SIGINT's code; main gives the signal's own.
	exitInterrupted = 130
)

func main() { os.Exit(mainCode()) }

// mainCode runs the command line of the process, with signals, and returns
// its exit code. Tests run the binary through it too.
func mainCode() int {
	ctx, interrupted := interruptible(context.Background())
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	// A command the signal stopped exits with the signal's code; one that
	// had finished its work when the signal came keeps its own.
	if sig := interrupted(); sig != nil && code == exitInterrupted {
		code = signalExit(sig)
	}
	return code
}

// interruptible returns a context that SIGINT and SIGTERM cancel, and a
// function that tells which of them arrived, if one did. Every stage of
// every command watches the context, stops within moments and cleans up
// after itself, so the previous output stays as it was and no temporary
// file is left. A second signal ends the process at once.
//
// Most stages notice the cancelled context within milliseconds, but some
// work cannot be cut (parsing a huge file, painting one large PDF page).
// So after a grace period the process ends anyway, at the first moment no
// critical section is under way: outside those sections nothing is on
// disk but finished files (see package critical). A run that has written
// for good (a swap, a release, a lock) is not ended so: it says "stopped
// before writing anything", which would be false, and only the command
// can say what it wrote, so it ends by itself, as the cancelled context
// asks.
func interruptible(parent context.Context) (context.Context, func() os.Signal) {
	sections := critical.New()
	ctx, cancel := context.WithCancel(critical.With(parent, sections))
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	var got atomic.Value
	go func() {
		sig := <-sigs
		got.Store(sig)
		cancel()
		time.AfterFunc(signalGrace, func() {
			sections.Quiesce(func() {
				fmt.Fprintln(os.Stderr, interruptedMsg)
				os.Exit(signalExit(sig))
			})
		})
		sig = <-sigs
		os.Exit(signalExit(sig))
	}()
	return ctx, func() os.Signal {
		s, _ := got.Load().(os.Signal)
		return s
	}
}

// signalGrace is how long a signalled command may take to stop by itself
// before it is ended; the promise is 200 ms from the signal to the exit.
const signalGrace = 50 * time.Millisecond

// interruptedMsg says what an interrupt left: nothing half-written.
const interruptedMsg = "ismsforge: interrupted: stopped before writing anything; what was there before is as it was"

// signalExit is the shell's exit code for a process a signal stopped:
// 128 plus its number, so 130 for SIGINT and 143 for SIGTERM.
func signalExit(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
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
	case errors.Is(err, errStopped):
		return exitInterrupted
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(w, interruptedMsg)
		return exitInterrupted
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
	var exists *starter.ExistsError
	var unsafe *pack.UnsafeOutputError
	var escape *source.PathEscapeError
	var rel *engine.ReleaseError
	var impExists *importer.ExistsError
	var impSource *importer.SourceError
	var unknown *customize.UnknownError
	var notBuiltin *customize.NotBuiltinError
	var orphan *releases.OrphanError
	var swap *pack.SwapError
	return errors.As(err, &exists) || errors.As(err, &unsafe) || errors.As(err, &escape) || errors.As(err, &rel) ||
		errors.As(err, &impExists) || errors.As(err, &impSource) || errors.As(err, &unknown) || errors.As(err, &notBuiltin) ||
		errors.As(err, &orphan) || errors.As(err, &swap)
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
