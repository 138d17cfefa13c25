package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine/catalog"
)

func newCatalogCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Print the ISO/IEC 27001:2022 clauses and Annex A controls",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c := catalog.Default()
			w := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Clauses  []catalog.Clause  `json:"clauses"`
					Controls []catalog.Control `json:"controls"`
				}{c.Clauses(), c.Controls()})
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "CLAUSE\tTITLE\tDOCUMENTED")
			for _, cl := range c.Clauses() {
				doc := ""
				if cl.Documented {
					doc = "yes"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", cl.ID, cl.Title, doc)
			}
			fmt.Fprintln(tw, "\t\t")
			fmt.Fprintln(tw, "CONTROL\tTITLE\tTHEME")
			for _, ct := range c.Controls() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", ct.ID, ct.Title, ct.Theme)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
