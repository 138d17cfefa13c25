package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/gaps"
)

func newGapsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "gaps [DIR]",
		Short: "List what is not implemented yet, who owns it, when it is due and what is overdue",
		Long: `gaps lists the open work of the ISMS from the facts: applicable controls that are
partially implemented, planned or not implemented, risk treatments not started or
in progress, and objectives still open, with their owners and due dates, sorted by
due date. Items due before the pack's date are marked overdue. A control without a
date of its own takes the due date of the earliest open risk treatment that relies
on it. The same list is the Implementation Gap and Action Register in the pack.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			date, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			rep, err := engine.Gaps(dirArg(args), engine.LoadOptions{Date: date})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), gapsJSON(rep))
			}
			return printGaps(cmd.OutOrStdout(), rep)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the list as JSON")
	return cmd
}

type gapItemJSON struct {
	gaps.Item
	Owner string `json:"owner"`
	Due   string `json:"due"`
}

func gapsJSON(rep gaps.Report) any {
	items := make([]gapItemJSON, len(rep.Items))
	for i, it := range rep.Items {
		items[i] = gapItemJSON{Item: it, Due: it.Due.String()}
		if it.HasOwner {
			items[i].Owner = it.Owner.Name
		}
	}
	return struct {
		Date    string        `json:"date"`
		Items   []gapItemJSON `json:"items"`
		Overdue int           `json:"overdue"`
		NoDue   int           `json:"no_due"`
	}{rep.Date.String(), items, rep.Overdue(), rep.NoDue()}
}

func printGaps(w io.Writer, rep gaps.Report) error {
	fmt.Fprintf(w, "Open work on %s: %d %s, %d risk %s, %d %s; %d overdue, %d without a due date\n\n",
		rep.Date, rep.Count(gaps.Control), plural(rep.Count(gaps.Control), "control", "controls"),
		rep.Count(gaps.Risk), plural(rep.Count(gaps.Risk), "treatment", "treatments"),
		rep.Count(gaps.Objective), plural(rep.Count(gaps.Objective), "objective", "objectives"),
		rep.Overdue(), rep.NoDue())
	if len(rep.Items) == 0 {
		fmt.Fprintln(w, "Nothing is open.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DUE\tKIND\tID\tSTATUS\tOWNER\tTITLE")
	for _, it := range rep.Items {
		due := "no date"
		if it.HasDue() {
			due = it.Due.String()
			if it.DueFrom != "" {
				due += " (" + it.DueFrom + ")"
			}
			if it.Overdue {
				due += " OVERDUE"
			}
		}
		owner := "not assigned"
		if it.HasOwner {
			owner = it.Owner.Name
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", due, it.Kind, it.ID, it.StatusLabel, owner, it.Title)
	}
	return tw.Flush()
}
