package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// errFindings makes check exit 1 after printing its findings itself.
type errFindings struct{ n int }

func (e *errFindings) Error() string {
	return fmt.Sprintf("%d %s", e.n, plural(e.n, "error", "errors"))
}

func newCheckCmd() *cobra.Command {
	var asJSON, strict bool
	cmd := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Check the project for gaps an auditor would find, without writing anything",
		Long: `check loads and renders the project and reports every problem: errors in the
input, SoA gaps, risks treated with excluded controls or accepted above the
threshold without an approver, required documented information that no
document produces, unresolved references, and documents overdue for review.
It exits 1 when there are errors; --strict counts warnings as errors.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			date, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			findings, err := engine.Check(cmd.Context(), dirArg(args), engine.LoadOptions{Date: date}, strict)
			if err != nil {
				return err
			}
			errs := len(findings.Errors())
			w := cmd.OutOrStdout()
			if asJSON {
				if findings == nil {
					findings = diag.List{}
				}
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				if err := enc.Encode(struct {
					Findings diag.List `json:"findings"`
					Errors   int       `json:"errors"`
					Warnings int       `json:"warnings"`
				}{findings, errs, len(findings) - errs}); err != nil {
					return err
				}
			} else {
				for _, d := range findings {
					// The same form as build: the lines around the problem too.
					fmt.Fprintln(w, d.Error())
				}
				fmt.Fprintf(w, "%d %s, %d %s\n", errs, plural(errs, "error", "errors"), len(findings)-errs, plural(len(findings)-errs, "warning", "warnings"))
			}
			if errs > 0 {
				return &errFindings{n: errs}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the findings as JSON")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors (for CI)")
	return cmd
}
