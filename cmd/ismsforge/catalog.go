package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine/catalog"
)

func newCatalogCmd() *cobra.Command {
	var asJSON bool
	var framework string
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Print the ISO/IEC 27001:2022 clauses and Annex A controls, or another framework's requirements",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c := catalog.Default()
			w := cmd.OutOrStdout()
			if framework != "" {
				return printFramework(cmd, c, framework, asJSON)
			}
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
	cmd.Flags().StringVar(&framework, "framework", "", "print the requirements of a framework front matter can map to: "+strings.Join(catalog.Default().FrameworkIDs(), ", "))
	return cmd
}

// printFramework lists a cataloged framework's requirements, the IDs a
// template's front matter may name under frameworks.
func printFramework(cmd *cobra.Command, c *catalog.Catalog, id string, asJSON bool) error {
	f, ok := c.Framework(id)
	if !ok {
		return &usageError{fmt.Errorf("unknown framework %q: ismsforge has catalogs of %s", id, strings.Join(c.FrameworkIDs(), ", "))}
	}
	w := cmd.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(f)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\tTITLE\tGROUP\n", strings.ToUpper(f.Noun))
	for _, r := range f.Requirements {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Title, f.GroupTitle(r.Group))
	}
	return tw.Flush()
}
