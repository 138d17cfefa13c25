package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
)

// report is everything the printed comparison shows.
type report struct {
	cfg     config
	pack    *pack
	results []*result
	skipped []string
	started time.Time
	machine machine
	// logs is where full failure logs were kept, or "".
	logs string
	// loadBefore and loadAfter are /proc/loadavg around the measuring, to
	// tell a quiet machine from a shared, busy one.
	loadBefore, loadAfter string
}

// writeReport prints the comparison as Markdown, ready for the README.
func writeReport(w io.Writer, r report) error {
	var b strings.Builder
	m := r.machine
	fmt.Fprintf(&b, "## ismsforge compared with other converters\n\n")
	fmt.Fprintf(&b, "- Date: %s\n", r.started.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "- Machine: %s\n", m.summary())
	fmt.Fprintf(&b, "- Go: %s; %s\n", m.goVersion, m.ismsforge)
	fmt.Fprintf(&b, "- Pack: %s\n", packSummary(r.pack))
	fmt.Fprintf(&b, "- Command: `%s`\n", r.cfg.command)
	fmt.Fprintf(&b, "- Load average (1, 5, 15 min): %s before, %s after; "+
		"well above 0 means other work shared the machine and widened min to max\n", r.loadBefore, r.loadAfter)
	fmt.Fprintf(&b, "- Method: %s; each round runs every tool once over the whole pack, "+
		"in an order rotated each round, into fresh directories. The per-document tools run one invocation "+
		"per document, %d at a time; ismsforge builds the whole pack in one run with GOMAXPROCS=%d. "+
		"Times are wall-clock seconds for the whole pack and include failed invocations. "+
		"The HTML-to-PDF converters start from pandoc's standalone HTML, made once beforehand and not timed.\n\n",
		plural(r.cfg.rounds, "round"), r.cfg.jobs, r.cfg.jobs)

	base := baseline(r.results)
	b.WriteString("| Tool | Median (s) | Min (s) | Max (s) | CPU, median (s) | Documents | Per document, median (s) | Peak RSS (MiB) | vs ismsforge | Failed |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|---|---|\n")
	extra := false
	for _, res := range r.results {
		name := res.tool.name
		if res.tool.extra {
			name += " *"
			extra = true
		}
		docs, perDoc := fmt.Sprint(res.docs), "—"
		if res.tool.input == inputProject {
			docs = fmt.Sprintf("%d (one run)", len(r.pack.docs))
		} else if len(res.perDoc) > 0 {
			perDoc = seconds(median(res.perDoc))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			name, seconds(median(res.rounds)), seconds(slices.Min(res.rounds)), seconds(slices.Max(res.rounds)),
			cpuCell(res), docs, perDoc, mib(res.rssKB), ratio(res, base), failedCell(res))
	}
	b.WriteString("\n")
	if extra {
		b.WriteString("Rows marked * are extras that issue 8 did not ask for.\n")
	}
	for _, res := range r.results {
		if res.tool.id == "pandoc-pdflatex" && len(res.perDoc) > 0 {
			fmt.Fprintf(&b, "pandoc → PDF with pdflatex takes %s s per document (median of %d successful runs; min %s, max %s).\n",
				seconds(median(res.perDoc)), len(res.perDoc), seconds(slices.Min(res.perDoc)), seconds(slices.Max(res.perDoc)))
		}
	}
	b.WriteString("Peak RSS is that of the largest single process a tool ran, not the sum over parallel invocations. " +
		"CPU is user and system time of every process a round ran (and the children they waited for), summed.\n\n")

	b.WriteString("Tool versions:\n\n")
	for _, v := range m.versions {
		fmt.Fprintf(&b, "- %s\n", v)
	}
	if len(r.skipped) > 0 {
		b.WriteString("\nNot run here:\n\n")
		for _, s := range r.skipped {
			fmt.Fprintf(&b, "- %s\n", s)
		}
	}
	writeFailures(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFailures(b *strings.Builder, r report) {
	header := false
	for _, res := range r.results {
		if len(res.failed) == 0 {
			continue
		}
		if !header {
			b.WriteString("\nFailures (document: failed rounds: first error):\n\n")
			header = true
		}
		fmt.Fprintf(b, "- %s, %d of %d documents:\n", res.tool.name, len(res.failed), res.docs)
		docs := make([]string, 0, len(res.failed))
		for d := range res.failed {
			docs = append(docs, d)
		}
		sort.Strings(docs)
		for _, d := range docs {
			f := res.failed[d]
			fmt.Fprintf(b, "  - %s: %d of %d: %s\n", d, f.count, len(res.rounds), f.msg)
			if f.log != "" {
				fmt.Fprintf(b, "    (log: %s)\n", f.log)
			}
		}
	}
	if header && r.logs == "" {
		b.WriteString("\nRerun with -keep for the full output of each failure.\n")
	}
}

func packSummary(pk *pack) string {
	s := fmt.Sprintf("%s, %d documents, %d KiB of Markdown", pk.example, len(pk.docs), (pk.mdBytes+512)/1024)
	switch {
	case pk.buildErr != nil:
		return s + " (from " + pk.mdDir + "; ismsforge build failed and is not timed)"
	case pk.pdfs == 0:
		return s + "; this ismsforge writes HTML only (no PDF emitter yet), so its row is not a PDF time"
	default:
		return s + fmt.Sprintf("; ismsforge writes the HTML site and %d PDFs", pk.pdfs)
	}
}

// baseline is the full ismsforge build's result, or nil when it did not run.
func baseline(results []*result) *result {
	for _, r := range results {
		if r.tool.id == "ismsforge" {
			return r
		}
	}
	return nil
}

// ratio compares medians of whole-pack times.
func ratio(r, base *result) string {
	switch {
	case base == nil:
		return "—"
	case r == base:
		return "baseline"
	}
	return ratioText(median(r.rounds), median(base.rounds))
}

func ratioText(d, base time.Duration) string {
	if base <= 0 || d <= 0 {
		return "—"
	}
	x := float64(d) / float64(base)
	word := "slower"
	if x < 1 {
		x, word = 1/x, "faster"
	}
	if x >= 9.95 {
		return fmt.Sprintf("%.0fx %s", x, word)
	}
	return fmt.Sprintf("%.1fx %s", x, word)
}

func failedCell(r *result) string {
	n := 0
	for _, f := range r.failed {
		n += f.count
	}
	if n == 0 {
		return "0"
	}
	return fmt.Sprintf("%d of %d runs (%s)", n, r.docs*len(r.rounds), plural(len(r.failed), "doc"))
}

// median of ds; the mean of the middle two for an even count.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

func seconds(d time.Duration) string {
	s := d.Seconds()
	switch {
	case s < 1:
		return fmt.Sprintf("%.3f", s)
	case s < 100:
		return fmt.Sprintf("%.2f", s)
	}
	return fmt.Sprintf("%.1f", s)
}

func mib(kb int64) string {
	if kb <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f", float64(kb)/1024)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// cpuCell is the median CPU time of a tool's rounds, or a dash when the
// operating system did not report it.
func cpuCell(res *result) string {
	if len(res.cpu) == 0 || slices.Max(res.cpu) == 0 {
		return "—"
	}
	return seconds(median(res.cpu))
}
