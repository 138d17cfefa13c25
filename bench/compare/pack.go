package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// pack is the document set every tool converts.
type pack struct {
	// example is the project directory as given on the command line.
	example string
	// mdDir holds the Markdown the per-document tools convert, one file per
	// document.
	mdDir string
	// htmlDir holds pandoc's standalone HTML of each document, made once
	// and outside the timing, for the HTML-to-PDF converters.
	htmlDir string
	// docs are the document IDs, sorted.
	docs    []string
	mdBytes int64
	// pdfs counts the PDFs the reference build wrote; it is 0 while
	// ismsforge has no PDF emitter.
	pdfs int
	// buildErr says why the reference build failed, when -md stood in for
	// its Markdown; ismsforge is then not timed.
	buildErr error
}

// buildISMSForge compiles the binary under test from the repository in the
// working directory.
func buildISMSForge(ctx context.Context, work string) (string, error) {
	if _, err := os.Stat(filepath.Join("cmd", "ismsforge")); err != nil {
		return "", errors.New("run from the repository root (bench/compare.sh does that for you)")
	}
	bin := filepath.Join(work, "ismsforge")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/ismsforge")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, out)
	}
	return bin, nil
}

// preparePack builds the example once, untimed, to get the Markdown of
// every document and to learn whether this ismsforge writes PDFs yet.
func preparePack(ctx context.Context, cfg config, bin, work string, log io.Writer) (*pack, error) {
	pk := &pack{example: cfg.example, htmlDir: filepath.Join(work, "html-input")}
	ref := filepath.Join(work, "reference")
	cmd := exec.CommandContext(ctx, bin, "build", cfg.example, "-o", ref, "-q")
	cmd.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(cfg.jobs))
	out, err := cmd.CombinedOutput()
	switch {
	case err != nil && cfg.mdDir == "":
		//lint:ignore ST1005 printed whole to the person running the benchmark: the build's output, then how to rerun
		return nil, fmt.Errorf("ismsforge build %s failed, so there is no Markdown to convert:\n%s\n"+
			"Rerun with -md DIR to time the other tools on Markdown from an earlier build.",
			cfg.example, tail(out, 20))
	case err != nil:
		pk.buildErr = fmt.Errorf("ismsforge build %s: %v: %s", cfg.example, err, lastLine(out))
		fmt.Fprintf(log, "ismsforge build failed, so only the other tools are timed, on %s:\n%s\n", cfg.mdDir, tail(out, 5))
	}
	pk.mdDir = filepath.Join(ref, "md")
	if cfg.mdDir != "" {
		pk.mdDir = cfg.mdDir
	}
	if pk.mdDir, err = filepath.Abs(pk.mdDir); err != nil {
		return nil, err
	}
	if pk.docs, pk.mdBytes, err = listMarkdown(pk.mdDir); err != nil {
		return nil, err
	}
	if pk.buildErr == nil {
		pk.pdfs = countPDFs(ref)
	}
	return pk, nil
}

func listMarkdown(dir string) (docs []string, size int64, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, err
	}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".md" {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, 0, err
		}
		size += info.Size()
		docs = append(docs, strings.TrimSuffix(e.Name(), ".md"))
	}
	if len(docs) == 0 {
		return nil, 0, fmt.Errorf("no Markdown documents in %s", dir)
	}
	sort.Strings(docs)
	return docs, size, nil
}

// countPDFs counts every PDF under dir: one per document and the combined
// pack, wherever the emitter puts them.
func countPDFs(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(d.Name()), ".pdf") {
			n++
		}
		return nil
	})
	return n
}

// prepareHTML converts each document to standalone HTML with pandoc, once
// and untimed, when an HTML-to-PDF converter is to run. A document pandoc
// cannot convert is left out; the converters then fail on it, and the
// report says so.
func prepareHTML(ctx context.Context, pk *pack, tools []*tool, work string) error {
	need := false
	for _, t := range tools {
		need = need || t.input == inputHTML
	}
	if !need {
		return nil
	}
	if err := os.MkdirAll(pk.htmlDir, 0o755); err != nil {
		return err
	}
	for _, doc := range pk.docs {
		in := filepath.Join(pk.mdDir, doc+".md")
		out := filepath.Join(pk.htmlDir, doc+".html")
		cmd := exec.CommandContext(ctx, "pandoc", "-s", in, "-o", out)
		if b, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "pandoc could not make the HTML of %s: %v: %s\n", doc, err, lastLine(b))
		}
	}
	return ctx.Err()
}

// tail returns the last n lines of b.
func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

func lastLine(b []byte) string {
	s := strings.TrimRight(string(b), "\n")
	return s[strings.LastIndex(s, "\n")+1:]
}
