package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/facts"
)

func newBuildCmd() *cobra.Command {
	var out string
	var quiet, noPDF, strict bool
	cmd := &cobra.Command{
		Use:   "build [DIR]",
		Short: "Render the document pack of the project in DIR (default .)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			date, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			o := engine.Options{Dir: dir, Out: out, Date: date, NoPDF: noPDF, Strict: strict}
			if !quiet {
				o.Report = func(s engine.Stage) {
					fmt.Fprintf(cmd.OutOrStdout(), "%-10s %8s  %s\n", s.Name, s.Took.Round(100*time.Microsecond), s.Detail)
				}
			}
			res, err := engine.Build(cmd.Context(), o)
			if res != nil {
				for _, n := range res.Notes {
					fmt.Fprintf(cmd.ErrOrStderr(), "ismsforge: note: %s\n", n)
				}
			}
			if err != nil {
				return err
			}
			for _, w := range res.Warnings {
				fmt.Fprintln(cmd.ErrOrStderr(), w.Error())
			}
			if !quiet {
				fmt.Fprintf(cmd.OutOrStdout(), "wrote pack %s to %s\n", res.Built.Pack.Version, res.Out)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "output directory (default DIR/out)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors and warnings")
	cmd.Flags().BoolVar(&noPDF, "no-pdf", false, "skip the PDFs, for a quick HTML preview")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat the check's warnings as errors")
	return cmd
}

func dirArg(args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return "."
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH, the reproducible-builds way to
// give a date when the facts have none.
func sourceDateEpoch() (facts.Date, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return facts.Date{}, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return facts.Date{}, &usageError{fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", v)}
	}
	t := time.Unix(sec, 0).UTC()
	return facts.NewDate(t.Year(), t.Month(), t.Day()), nil
}
