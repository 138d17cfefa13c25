package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/starter"
)

func newInitCmd() *cobra.Command {
	var o starter.Options
	var example string
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a starter isms.yaml for your organization into DIR (default .)",
		Long: `init writes isms.yaml for your organization: a starter for its sector with the
structure such an organization usually needs and a placeholder (FILL) for every
fact you must supply, which check reports at its line until it is filled.

Sectors:` + sectorList() + `

It asks for the values that no flag gives when run in a terminal; without one,
--sector, --name, --country and --date are required. --example NAME copies a
full example instead, the facts of a fictitious organization, to explore:
` + strings.Join(starter.Examples(), ", ") + `. init never overwrites a file.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			out := cmd.OutOrStdout()
			if err := starter.Free(dir); err != nil {
				return err
			}
			if example != "" {
				return initExample(cmd, dir, example)
			}
			if missing := o.Missing(); len(missing) > 0 {
				in := cmd.InOrStdin()
				if !isTerminal(in) {
					//lint:ignore ST1005 a usage message of several sentences with an example command, printed as is
					return &usageError{fmt.Errorf("init needs %s, and there is no terminal to ask in; for example:\n"+
						"  ismsforge init %s --sector saas --name \"Example Corp\" --country US --date 2026-03-31\n"+
						"--sector is one of %s; --short-name and --prefix are optional.\n"+
						"To explore a finished pack instead, copy an example with --example NAME (%s).",
						facts.Sentence(missing), dirOrDot(dir), strings.Join(starter.SectorIDs(), ", "), strings.Join(starter.Examples(), ", "))}
				}
				if err := ask(bufio.NewReader(in), out, &o); err != nil {
					return err
				}
			}
			w, err := starter.Write(dir, o)
			var bad *starter.InputError
			if errors.As(err, &bad) {
				return &usageError{err}
			}
			if err != nil {
				return err
			}
			summary := ""
			for _, s := range starter.Sectors() {
				if s.ID == o.Sector {
					summary = s.Summary
				}
			}
			fmt.Fprintf(out, `wrote %s: a starter for %s, with %d placeholders to fill

Next steps:
  1. ismsforge check %s
     lists every placeholder (FILL) at its line, the facts the documents still
     need, and the Annex A controls that wait for a decision.
  2. Fill them in, decide each control under controls:, and run check again
     until it reports nothing (check --strict fails on warnings too).
  3. ismsforge serve %s
     builds the pack and serves it on http://127.0.0.1:27001/, rebuilding
     after every save.
`, w.Path, summary, w.Placeholders, dirOrDot(dir), dirOrDot(dir))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Sector, "sector", "", "the starter: "+strings.Join(starter.SectorIDs(), ", "))
	f.StringVar(&o.Name, "name", "", "the organization's name, as the documents name it")
	f.StringVar(&o.ShortName, "short-name", "", "the name used in running text (default the name)")
	f.StringVar(&o.Country, "country", "", "the country, as a two-letter ISO code (US, GB, DE...)")
	f.StringVar(&o.Prefix, "prefix", "", "the prefix of document references (default derived from the short name, such as EXAMPLE-ISMS)")
	f.StringVar(&o.Date, "date", "", "the pack's date, YYYY-MM-DD (ismsforge never reads the clock)")
	f.StringVar(&example, "example", "", "copy a full example instead: "+strings.Join(starter.Examples(), ", "))
	return cmd
}

// initExample copies a built-in example.
func initExample(cmd *cobra.Command, dir, name string) error {
	for _, fl := range []string{"sector", "name", "short-name", "country", "prefix", "date"} {
		if cmd.Flags().Changed(fl) {
			return &usageError{fmt.Errorf("--example copies the example as it is; --%s is for a starter (--sector)", fl)}
		}
	}
	path, err := starter.WriteExample(dir, name)
	var bad *starter.InputError
	if errors.As(err, &bad) {
		return &usageError{err}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), `wrote %s: a copy of the %s example, the facts of a fictitious organization

Next steps:
  1. ismsforge serve %s
     builds the pack and serves it on http://127.0.0.1:27001/.
  2. To make it your own, replace every value with your organization's facts:
     check warns about each value that still belongs to the example. To start
     from your own facts instead: ismsforge init DIR --sector ...
`, path, name, dirOrDot(dir))
	return nil
}

// ask prompts for every value no flag gave, re-asking after a value that
// cannot be used. The checks and defaults are the starter's.
func ask(in *bufio.Reader, out io.Writer, o *starter.Options) error {
	fmt.Fprint(out, "A few questions about the organization. Enter takes the value in brackets;\nthe flag after each question gives the value on the command line instead.\n")
	for _, q := range starter.Questions() {
		if q.Get(o) != "" {
			continue
		}
		for tries := 0; ; tries++ {
			def := ""
			if q.Default != nil {
				def = q.Default(o)
			}
			if def != "" {
				fmt.Fprintf(out, "%s [%s] (--%s): ", q.Prompt, def, q.Flag)
			} else {
				fmt.Fprintf(out, "%s (--%s): ", q.Prompt, q.Flag)
			}
			line, err := in.ReadString('\n')
			if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
				fmt.Fprintln(out)
				return &usageError{fmt.Errorf("no answer for --%s; pass it as a flag", q.Flag)}
			}
			v := strings.TrimSpace(line)
			if v == "" {
				v = def
			}
			err = errors.New("an answer is needed")
			if v != "" {
				err = q.Set(o, v)
			}
			if err == nil {
				break
			}
			fmt.Fprintf(out, "  %v\n", err)
			if tries == 2 {
				return &usageError{err}
			}
		}
	}
	return nil
}

// isTerminal reports whether r is a terminal someone can answer in: a
// character device other than the null device, which is what scripts and
// CI jobs often give as input.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(st, null)
}

func sectorList() string {
	var b strings.Builder
	for _, s := range starter.Sectors() {
		fmt.Fprintf(&b, "\n  %-20s %s", s.ID, s.Summary)
	}
	return b.String()
}

func dirOrDot(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}
