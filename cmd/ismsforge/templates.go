package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/customize"
)

func newTemplatesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List the document templates, or copy built-in ones into the project to edit them",
	}
	cmd.AddCommand(newTemplatesListCmd(), newTemplatesEjectCmd())
	return cmd
}

func newTemplatesListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [DIR]",
		Short: "List every document template: ID, title, kind, clauses, controls, and where it comes from",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			date, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			entries, err := engine.Templates(dirArg(args), engine.LoadOptions{Date: date})
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), struct {
					Templates []customize.Entry `json:"templates"`
				}{entries})
			}
			return printTemplates(cmd.OutOrStdout(), entries)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the list as JSON")
	return cmd
}

func printTemplates(w io.Writer, entries []customize.Entry) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tKIND\tCLAUSES\tCONTROLS\tSOURCE")
	for _, e := range entries {
		src := e.Source
		switch {
		case e.Overrides:
			src = "project, overrides built-in (" + e.File + ")"
		case e.Source != "builtin":
			src += " (" + e.File + ")"
		}
		if !e.InPack {
			src += "; not in the pack"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, e.Title, e.Kind, dash(strings.Join(e.Clauses, ", ")), dash(controlsSummary(e.Controls)), src)
	}
	return tw.Flush()
}

// controlsSummary keeps the column readable: a policy may implement a dozen
// controls; --json lists them all.
func controlsSummary(c []string) string {
	if len(c) <= 4 {
		return strings.Join(c, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(c[:3], ", "), len(c)-3)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func newTemplatesEjectCmd() *cobra.Command {
	var dir string
	var noPartials bool
	cmd := &cobra.Command{
		Use:   "eject ID|PARTIAL... [--dir DIR]",
		Short: "Copy built-in templates, with the partials they use, into the project's templates/ for editing",
		Long: `eject copies built-in templates into the project's templates/ directory, where
they override the built-in ones. Name documents by ID (see "ismsforge templates
list") or partials by path, such as partials/org-person.md. Each document comes
with the partials it uses, so that it renders the same until you edit it; give
--no-partials to copy the documents alone and keep following the built-in
partials. A file the project already has is never overwritten.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			date, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			res, err := engine.EjectTemplates(dir, args, engine.LoadOptions{Date: date}, customize.Options{NoPartials: noPartials})
			if err != nil {
				return err
			}
			printCopied(cmd.OutOrStdout(), res)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", ".", "the project directory")
	cmd.Flags().BoolVar(&noPartials, "no-partials", false, "copy only the named documents, not the partials they use")
	return cmd
}

func newThemeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "theme",
		Short: "Copy the built-in theme into the project to change the site's layout and style",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "eject [DIR]",
		Short: "Copy the project's built-in theme into themes/<name>/ for editing",
		Long: `eject copies every file of the theme the project uses (output.theme, default
"default") into themes/<name>/ in the project: theme.yaml, which also styles
the PDFs, and the HTML layouts and stylesheet. The copies override the
built-in files one by one. A file the project already has is never overwritten.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			date, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			res, err := engine.EjectTheme(dirArg(args), engine.LoadOptions{Date: date})
			if err != nil {
				return err
			}
			printCopied(cmd.OutOrStdout(), res)
			return nil
		},
	})
	return cmd
}

func printCopied(w io.Writer, res customize.Result) {
	for _, f := range res.Wrote {
		fmt.Fprintf(w, "wrote %s\n", f)
	}
	for _, f := range res.Kept {
		fmt.Fprintf(w, "kept  %s (already in the project; not overwritten)\n", f)
	}
}
