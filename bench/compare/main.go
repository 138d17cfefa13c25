// Command compare times ismsforge against the usual ways of turning Markdown
// into HTML and PDF, on the same document pack, in one interleaved run
// (issue 8). It is a developer tool, not part of the product, so it shells
// out to whatever converters are installed and skips the others, saying how
// to install them.
//
// Run it from the repository root through the wrapper:
//
//	bench/compare.sh [-rounds 5] [-example examples/acme-saas] [-jobs N]
//
// The steps: build the ismsforge binary; build the example once to get its
// Markdown (OUT/md/*.md) and, from that, pandoc's standalone HTML for the
// HTML-to-PDF converters; then, for each round, run every tool once over
// the whole pack, the tools in an order that rotates each round; last,
// print a Markdown table of medians and ratios, with the machine, the tool
// versions and the command.
//
// Fairness: ismsforge renders documents on GOMAXPROCS goroutines, so the
// per-document tools run -jobs documents at a time (default: the number of
// CPUs) and ismsforge runs with GOMAXPROCS set to the same number. The
// per-document tools start from Markdown or HTML that ismsforge already
// rendered from the templates, so ismsforge's time includes work theirs
// does not: loading the facts, executing the templates and the checks.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// config holds the command line.
type config struct {
	rounds  int
	example string
	jobs    int
	mdDir   string
	only    []string
	timeout time.Duration
	keep    bool
	// command is the command line as typed, for the report.
	command string
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (config, error) {
	var cfg config
	var only string
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.IntVar(&cfg.rounds, "rounds", 5, "rounds; every tool runs once per round")
	fs.StringVar(&cfg.example, "example", "examples/acme-saas", "project to build and convert")
	fs.IntVar(&cfg.jobs, "jobs", runtime.NumCPU(), "documents converted at once by the per-document tools, and ismsforge's GOMAXPROCS")
	fs.StringVar(&cfg.mdDir, "md", "", "convert the Markdown in `DIR` instead of the example's; for when ismsforge build fails")
	fs.StringVar(&only, "tools", "", "comma-separated tool ids to run (default all): "+strings.Join(toolIDs(), ","))
	fs.DurationVar(&cfg.timeout, "timeout", 3*time.Minute, "limit for one invocation; a run over it counts as a failure")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the work directory with every output and failure log")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if cfg.rounds < 1 || cfg.jobs < 1 {
		return cfg, errors.New("-rounds and -jobs must be at least 1")
	}
	if only != "" {
		cfg.only = strings.Split(only, ",")
		for _, id := range cfg.only {
			if !knownTool(id) {
				return cfg, fmt.Errorf("-tools: unknown tool %q; the tools are %s", id, strings.Join(toolIDs(), ", "))
			}
		}
	}
	argv0 := os.Getenv("COMPARE_ARGV0")
	if argv0 == "" {
		argv0 = "go run ./bench/compare"
	}
	cfg.command = strings.Join(append([]string{argv0}, quoteArgs(args)...), " ")
	return cfg, nil
}

// run is the whole comparison: build, prepare the inputs once, measure the
// rounds, report.
func run(ctx context.Context, cfg config, stdout, log io.Writer) error {
	work, err := os.MkdirTemp("", "ismsforge-compare-")
	if err != nil {
		return err
	}
	if cfg.keep {
		defer fmt.Fprintln(log, "kept the work directory", work)
	} else {
		defer os.RemoveAll(work)
	}

	started := time.Now()
	bin, err := buildISMSForge(ctx, work)
	if err != nil {
		return fmt.Errorf("build ismsforge: %w", err)
	}
	pk, err := preparePack(ctx, cfg, bin, work, log)
	if err != nil {
		return fmt.Errorf("prepare: %w", err)
	}
	tools, skipped := selectTools(cfg, pk, bin)
	for _, s := range skipped {
		fmt.Fprintln(log, s)
	}
	if err := prepareHTML(ctx, pk, tools, work); err != nil {
		return fmt.Errorf("prepare HTML inputs: %w", err)
	}
	loadBefore := loadAverage()
	results, err := measure(ctx, cfg, pk, tools, work, log)
	if err != nil {
		return fmt.Errorf("measure: %w", err)
	}
	loadAfter := loadAverage()
	return writeReport(stdout, report{
		cfg: cfg, pack: pk, results: results, skipped: skipped,
		started: started, machine: readMachine(ctx, bin, tools),
		logs:       failureLogDir(cfg, work),
		loadBefore: loadBefore, loadAfter: loadAfter,
	})
}

// quoteArgs quotes the arguments that a shell would split.
func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?[]{}()<>|&;#~") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return out
}
