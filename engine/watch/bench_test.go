package watch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/watch"
	"github.com/ismsforge/ismsforge/templates"
)

// BenchmarkSaveToWritten measures watch mode as a user feels it: with real
// fsnotify on a copy of the acme example, the time from saving an input to
// the moment the output holds the result. It includes the batching window.
//
//   - template: a template override is saved (temporary file and rename,
//     as editors do); measured until that document's PDF is rewritten, or
//     its HTML page while the build makes no PDFs.
//   - facts: the organization's name changes in isms.yaml, which every
//     document and page shows; measured until the rebuild has written
//     every file.
//   - tool: the ticketing system changes, which a dozen documents name;
//     measured the same way.
//
// It reports the median and the 90th percentile, the rebuild's own median
// and the median CPU time per save (user and system, all cores), which
// tells a busy machine from a slow build; ns/op also includes waiting for
// each rebuild to finish. Run it with bench/watch.sh, or:
//
//	go test -run '^$' -bench SaveToWritten -benchtime 30x ./engine/watch
func BenchmarkSaveToWritten(b *testing.B) {
	b.Run("template", func(b *testing.B) {
		p := startBench(b)
		base, err := templates.FS.ReadFile("cryptography.md")
		if err != nil {
			b.Fatal(err)
		}
		tpl := filepath.Join(p.dir, "templates", "cryptography.md")
		target := p.docOutput("cryptography")
		b.ResetTimer()
		for i := range b.N {
			cpu := cpuTime()
			save := time.Now()
			atomicWrite(b, tpl, fmt.Sprintf("%s\nEdit %d.\n", base, i))
			p.latencies = append(p.latencies, p.written(b, target).Sub(save))
			p.record(p.done(b), cpuTime()-cpu)
		}
		p.report(b)
	})
	// facts changes the organization's name, which every document and
	// every page shows; tool changes the ticketing system, which the
	// documents that route work through it name.
	b.Run("facts", func(b *testing.B) {
		benchFacts(b, "  name: Acme Cloud\n", "  name: Acme Cloud %d\n", 40)
	})
	b.Run("tool", func(b *testing.B) {
		benchFacts(b, "  ticketing: Jira Service Management\n", "  ticketing: ServiceNow ITSM %d\n", 10)
	})
}

// benchFacts measures saves of isms.yaml with old replaced by new (a format
// taking the round), each of which must re-render at least min documents;
// latency runs until the rebuild has written every file.
func benchFacts(b *testing.B, old, new string, min int) {
	p := startBench(b)
	facts := filepath.Join(p.dir, "isms.yaml")
	src, _ := os.ReadFile(facts)
	if !strings.Contains(string(src), old) {
		b.Fatalf("the example has no %q", old)
	}
	b.ResetTimer()
	for i := range b.N {
		edited := strings.Replace(string(src), old, fmt.Sprintf(new, i), 1)
		cpu := cpuTime()
		save := time.Now()
		atomicWrite(b, facts, edited)
		o := p.done(b)
		if len(o.Rebuild.Rerendered) < min {
			b.Fatalf("the change re-rendered %d documents, fewer than %d", len(o.Rebuild.Rerendered), min)
		}
		p.latencies = append(p.latencies, p.finished.Sub(save))
		p.record(o, cpuTime()-cpu)
	}
	p.report(b)
}

type benchProject struct {
	dir, out  string
	outcomes  chan watch.Outcome
	finished  time.Time
	outEvents *fsnotify.Watcher
	// latencies run from save to written; rebuilds are the rebuilds'
	// own durations, without the batching window; cpu is the CPU time
	// each save cost, which a busy machine hardly changes.
	latencies, rebuilds, cpu []time.Duration
	// docs are how many documents each rebuild re-rendered.
	docs []int
	// stages are the rebuilds' pipeline steps, by name.
	stages map[string][]time.Duration
}

// record keeps a finished rebuild's durations.
func (p *benchProject) record(o watch.Outcome, cpu time.Duration) {
	p.rebuilds = append(p.rebuilds, o.Took)
	p.docs = append(p.docs, len(o.Rebuild.Rerendered))
	p.cpu = append(p.cpu, cpu)
	if p.stages == nil {
		p.stages = map[string][]time.Duration{}
	}
	for _, s := range o.Rebuild.Stages {
		p.stages[s.Name] = append(p.stages[s.Name], s.Took)
	}
}

func startBench(b *testing.B) *benchProject {
	b.Helper()
	dir := b.TempDir()
	src, err := os.ReadFile("../../examples/acme-saas/isms.yaml")
	if err != nil {
		b.Fatal(err)
	}
	tpl, _ := templates.FS.ReadFile("cryptography.md")
	atomicWrite(b, filepath.Join(dir, "isms.yaml"), string(src))
	atomicWrite(b, filepath.Join(dir, "templates", "cryptography.md"), string(tpl))
	p := &benchProject{dir: dir, out: filepath.Join(dir, "out"), outcomes: make(chan watch.Outcome, 1)}

	w, err := watch.New(dir, p.out)
	if err != nil {
		b.Fatal(err)
	}
	bld := engine.NewBuilder(engine.Options{Dir: dir, Out: p.out})
	l := &watch.Loop{Rebuild: bld.Rebuild, Report: func(o watch.Outcome) { p.outcomes <- o }, Warn: func(err error) { b.Error(err) }}
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() { ran <- l.Run(ctx, w) }()
	b.Cleanup(func() {
		cancel()
		<-ran
		w.Close()
	})
	p.done(b) // the full build

	// A second watcher sees the builder's renames into the output.
	if p.outEvents, err = fsnotify.NewWatcher(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { p.outEvents.Close() })
	for _, d := range []string{"html", "pdf"} {
		if _, err := os.Stat(filepath.Join(p.out, d)); err == nil {
			if err := p.outEvents.Add(filepath.Join(p.out, d)); err != nil {
				b.Fatal(err)
			}
		}
	}
	return p
}

// docOutput is the file whose rewrite ends a template measurement: the
// document's PDF when the build makes PDFs, otherwise its page.
func (p *benchProject) docOutput(id string) string {
	pdf := filepath.Join(p.out, "pdf", id+".pdf")
	if _, err := os.Stat(pdf); err == nil {
		return pdf
	}
	return filepath.Join(p.out, "html", id+".html")
}

// written waits for the output file to be renamed into place and returns
// when.
func (p *benchProject) written(b *testing.B, file string) time.Time {
	b.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev := <-p.outEvents.Events:
			if ev.Name == file && ev.Has(fsnotify.Create) {
				return time.Now()
			}
		case err := <-p.outEvents.Errors:
			b.Fatal(err)
		case <-timeout:
			b.Fatalf("%s was not rewritten", file)
		}
	}
}

// done waits for the rebuild to be reported and drains the output events
// it caused, so that measurements do not overlap.
func (p *benchProject) done(b *testing.B) watch.Outcome {
	b.Helper()
	select {
	case o := <-p.outcomes:
		p.finished = time.Now()
		if o.Err != nil {
			b.Fatal(o.Err)
		}
		if p.outEvents != nil {
			for len(p.outEvents.Events) > 0 {
				<-p.outEvents.Events
			}
		}
		return o
	case <-time.After(60 * time.Second):
		b.Fatal("no rebuild")
	}
	return watch.Outcome{}
}

func (p *benchProject) report(b *testing.B) {
	b.StopTimer()
	b.ReportMetric(percentile(p.latencies, 0.5), "p50-ms")
	b.ReportMetric(percentile(p.latencies, 0.9), "p90-ms")
	b.ReportMetric(percentile(p.rebuilds, 0.5), "rebuild-p50-ms")
	b.ReportMetric(percentile(p.cpu, 0.5), "cpu-p50-ms")
	docs := slices.Clone(p.docs)
	slices.Sort(docs)
	b.ReportMetric(float64(docs[len(docs)/2]), "docs-p50")
	for name, d := range p.stages {
		b.ReportMetric(percentile(d, 0.5), name+"-p50-ms")
	}
}

// percentile returns the q-quantile of d in milliseconds (nearest rank).
func percentile(d []time.Duration, q float64) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	return float64(s[int(q*float64(len(s)-1)+0.5)]) / float64(time.Millisecond)
}

func atomicWrite(tb testing.TB, path, data string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
}
