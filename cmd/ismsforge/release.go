package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/bundle"
	"github.com/ismsforge/ismsforge/engine/facts"
)

func newReleaseCmd() *cobra.Command {
	var summary, approvedBy, date, signKey string
	var major, minor, quiet, noPDF, resume bool
	cmd := &cobra.Command{
		Use:   "release [DIR] -m SUMMARY",
		Short: "Freeze the working draft as a new version of the pack",
		Long: `release gives every document that changed since the last release a new
version and a revision history row, stores the pack under releases/<version>/
and updates isms.lock. Unchanged documents keep their versions.

Changes are minor (1.0 -> 1.1) by default; --major gives the changed
documents and the pack the next major version (1.1 -> 2.0). A release in
which a control became applicable or excluded since the last release is
major, and says why; --minor keeps it minor. The date is --date, else
release.date from isms.yaml, else SOURCE_DATE_EPOCH, never the clock, and
never before the last release. After the release, OUT (DIR/out) is rebuilt
to show it.

A release is stored under releases/<version>/ and then recorded in
isms.lock. If it is interrupted between the two, the next release says so;
--resume checks the stored release and records it.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if resume {
				res, err := engine.Release(cmd.Context(), engine.ReleaseOptions{Dir: dirArg(args), Resume: true})
				if res != nil {
					printNotes(cmd, res.Notes)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "resumed release %s: isms.lock now records it\nstored in %s\nauditor bundle: %s\ncommit isms.lock\n", res.Version, res.Dir, res.Bundle)
				return nil
			}
			fallback, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			var d facts.Date
			if date != "" {
				if d, err = facts.ParseDate(date); err != nil {
					return &usageError{fmt.Errorf("--date: %v", err)}
				}
			}
			o := engine.ReleaseOptions{Dir: dirArg(args), Date: d, FallbackDate: fallback, Summary: summary, ApprovedBy: approvedBy, Major: major, Minor: minor, NoPDF: noPDF}
			if major && minor {
				return &usageError{fmt.Errorf("--major and --minor contradict each other; give one")}
			}
			if signKey != "" {
				if o.SignKey, err = bundle.LoadPrivateKey(signKey); err != nil {
					return err
				}
			}
			if !quiet {
				o.Report = func(s engine.Stage) {
					fmt.Fprintf(cmd.OutOrStdout(), "%-10s %8s  %s\n", s.Name, s.Took.Round(100*time.Microsecond), s.Detail)
				}
			}
			res, err := engine.Release(cmd.Context(), o)
			if res != nil {
				printNotes(cmd, res.Notes)
			}
			if err != nil {
				return err
			}
			changed := strings.Join(res.Changed, ", ")
			if len(res.Changed) > 8 {
				changed = strings.Join(res.Changed[:8], ", ") + fmt.Sprintf(" and %d more; see RELEASE-NOTES.md in the bundle", len(res.Changed)-8)
			}
			w := cmd.OutOrStdout()
			if res.MajorBecause != "" {
				fmt.Fprintf(w, "major release: %s (an applicability change is major; --minor keeps it minor)\n", res.MajorBecause)
			}
			if len(res.MinorDespite) > 0 {
				fmt.Fprintf(w, "minor release, as --minor asks, although %s changed applicability\n", strings.Join(res.MinorDespite, ", "))
			}
			fmt.Fprintf(w, "released %s: %d %s changed (%s)\nstored in %s\nauditor bundle: %s\n",
				res.Version, len(res.Changed), plural(len(res.Changed), "document", "documents"), changed, res.Dir, res.Bundle)
			if res.Out != "" {
				fmt.Fprintf(w, "%s now shows release %s\n", res.Out, res.Version)
			} else if res.OutNote != "" {
				fmt.Fprintf(w, "%s\n", res.OutNote)
			}
			fmt.Fprintln(w, "commit isms.lock")
			return nil
		},
	}
	cmd.Flags().StringVarP(&summary, "message", "m", "", "summary of the changes, recorded in each changed document's revision history (required)")
	cmd.Flags().StringVar(&approvedBy, "approved-by", "", "who approved the release (default: top management)")
	cmd.Flags().StringVar(&date, "date", "", "release date, YYYY-MM-DD")
	cmd.Flags().BoolVar(&major, "major", false, "give changed documents and the pack the next major version")
	cmd.Flags().BoolVar(&minor, "minor", false, "keep the release minor even though controls changed applicability")
	cmd.Flags().StringVar(&signKey, "sign", "", "Ed25519 private key (PEM) to sign the bundle's manifest with")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only the result")
	cmd.Flags().BoolVar(&resume, "resume", false, "record a release that was interrupted after it was stored under releases/ and before isms.lock was written")
	cmd.Flags().BoolVar(&noPDF, "no-pdf", false, "skip the PDFs")
	cmd.Flags().MarkHidden("no-pdf")
	return cmd
}

func newDiffCmd() *cobra.Command {
	var from, to, out string
	var asJSON, docx, noPDF bool
	cmd := &cobra.Command{
		Use:   "diff [DIR]",
		Short: "Show which documents and SoA rows differ between two versions",
		Long: `diff compares two versions of the pack, by default the last release and the
working draft, and lists the documents added, removed and modified and the SoA
rows whose applicability, justification or status changed. It writes, for
each changed document, a redline of the rendered document to
OUT/diff/<doc-id>.html: inserted and deleted words marked where they stand,
a bar beside every changed block and a summary of the changes at the top.
The same redline goes to OUT/diff/<doc-id>.pdf, the Markdown source view to
OUT/diff/<doc-id>.source.html, and with --docx the new version with the
changes as Word tracked changes to OUT/diff/<doc-id>.docx.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			date, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			o := engine.DiffOptions{Dir: dirArg(args), Out: out, From: from, To: to, Date: date, PDF: !noPDF, DOCX: docx}
			res, err := engine.Diff(cmd.Context(), o)
			if err != nil {
				return err
			}
			written, err := engine.WriteRedlines(cmd.Context(), o, res)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if asJSON {
				return writeJSON(w, res)
			}
			defer fmt.Fprintf(w, "redlines in %s\n", filepath.Join(written, "index.html"))
			fmt.Fprintf(w, "%s -> %s\n", res.From, res.To)
			if len(res.Documents) == 0 && len(res.SoA) == 0 {
				fmt.Fprintln(w, "no differences")
				return nil
			}
			for _, d := range res.Documents {
				fmt.Fprintf(w, "  %-9s %-40s %s -> %s\n", d.Change, d.ID, orDash(d.From), orDash(d.To))
			}
			for _, s := range res.SoA {
				fmt.Fprintf(w, "  soa       %-8s %-13s %q -> %q\n", s.ID, s.Field, s.From, s.To)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "version to compare from (default: the last release)")
	cmd.Flags().StringVar(&to, "to", "", "version to compare to, or \"working\" (default)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "output directory; redlines go to OUT/diff (default DIR/out)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&docx, "docx", false, "also write each redline as a Word file with tracked changes, OUT/diff/<doc-id>.docx")
	cmd.Flags().BoolVar(&noPDF, "no-pdf", false, "skip the PDF redlines")
	return cmd
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// printNotes prints what a command did besides its work: leftovers of an
// interrupted run it removed or put back.
func printNotes(cmd *cobra.Command, notes []string) {
	for _, n := range notes {
		fmt.Fprintf(cmd.ErrOrStderr(), "ismsforge: note: %s\n", n)
	}
}
