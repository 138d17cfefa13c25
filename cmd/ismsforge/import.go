package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine/importer"
	"github.com/ismsforge/ismsforge/engine/importer/comply"
	"github.com/ismsforge/ismsforge/engine/importer/jupiterone"
)

func newImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Turn another tool's template set into an ismsforge project",
		Long: `import reads another tool's policy templates and configuration and writes an
ismsforge project: isms.yaml, the templates under templates/, and
IMPORT-REPORT.md, which lists the facts to fill in and everything that could
not be mapped. It never overwrites a file and never guesses a mapping to
Annex A.`,
	}
	cmd.AddCommand(
		newImportToolCmd("comply", "Import a comply repository (comply.yml, policies/, narratives/, procedures/, standards/)", comply.Import),
		newImportToolCmd("jupiterone", "Import a JupiterOne policy template set (templates/config.json and its templates)", jupiterone.Import),
	)
	return cmd
}

func newImportToolCmd(tool, short string, run func(src string, reserved map[string]bool) (*importer.Project, error)) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   tool + " DIR",
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := run(args[0], importer.BuiltinIDs())
			if err != nil {
				return err
			}
			if err := importer.Write(out, p); err != nil {
				return err
			}
			r := p.Report
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "imported %d documents from %s into %s\n", len(r.Documents), args[0], out)
			fmt.Fprintf(w, "%s: %d to fill in, %d not imported, %d changed on import\n", filepath.Join(out, importer.ReportName), len(r.Fill), len(r.NotImported), len(r.Changed))
			fmt.Fprintf(w, "\nNext steps:\n  1. Fill in what %s lists under \"To fill in\".\n  2. ismsforge check --strict %s\n  3. ismsforge build %s\n", importer.ReportName, out, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", ".", "the project directory to write")
	return cmd
}
