package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/watch"
)

func newWatchCmd() *cobra.Command {
	var out string
	var noPDF, strict bool
	cmd := &cobra.Command{
		Use:   "watch [DIR]",
		Short: "Build the project, then rebuild what changed whenever an input is saved",
		Long: `watch builds the project in DIR (default .), then watches isms.yaml, isms.lock,
templates/, themes/ and assets/. After every save it re-renders the documents
whose inputs changed and rewrites only the output files that changed, each
atomically. It prints one line per rebuild. A broken file is reported with its
line and never stops the watcher; the output keeps the last good build until
the file is fixed. Ctrl-C stops it.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := watchOptions(cmd, args, out, noPDF, strict)
			if err != nil {
				return err
			}
			return stopped(cmd, watch.Watch(cmd.Context(), o))
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "output directory (default DIR/out)")
	cmd.Flags().BoolVar(&noPDF, "no-pdf", false, "skip the PDFs, for a quicker HTML preview")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat the check's warnings as errors")
	return cmd
}

// watchOptions are the options watch and serve share: the build, and a
// report that prints each rebuild to stdout, or to stderr when it failed.
func watchOptions(cmd *cobra.Command, args []string, out string, noPDF, strict bool) (watch.Options, error) {
	dir := dirArg(args)
	date, err := sourceDateEpoch()
	if err != nil {
		return watch.Options{}, err
	}
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	return watch.Options{
		Build: engine.Options{Dir: dir, Out: out, Date: date, NoPDF: noPDF, Strict: strict},
		Ready: func(w *watch.Watcher) {
			n := w.Dirs()
			fmt.Fprintf(stdout, "watching isms.yaml, %s/ in %s (%d %s); Ctrl-C to stop\n", strings.Join(watch.Trees, "/, "), dir, n, plural(n, "directory", "directories"))
		},
		Report: func(o watch.Outcome) {
			var w io.Writer = stdout
			if o.Err != nil {
				w = stderr
			}
			fmt.Fprintln(w, o)
		},
		Warn: func(err error) { fmt.Fprintf(stderr, "ismsforge: %v\n", err) },
	}, nil
}

// errStopped is a watch or serve session ended by a signal: the normal
// end, reported by the exit code alone.
var errStopped = errors.New("stopped")

// stopped turns the end of a session that a signal asked for into
// errStopped, so that the command exits 130 or 143 like every other.
func stopped(cmd *cobra.Command, err error) error {
	if err == nil && cmd.Context().Err() != nil {
		return errStopped
	}
	return err
}
