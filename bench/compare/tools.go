package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// inputKind is what a tool starts from.
type inputKind int

const (
	// inputProject is the project itself, which ismsforge renders whole.
	inputProject inputKind = iota
	// inputMarkdown is each document's rendered Markdown (OUT/md/<id>.md).
	inputMarkdown
	// inputHTML is pandoc's standalone HTML of each document.
	inputHTML
)

// need is an executable a tool runs and the Debian packages that provide it.
type need struct {
	bin string
	pkg string
}

// tool is one row of the table.
type tool struct {
	id   string
	name string
	// extra marks a row issue 8 did not ask for.
	extra bool
	input inputKind
	needs []need
	// ext is the extension of each document's output.
	ext string
	// argv is the command for one document, or for the pack when input is
	// inputProject: in is the input, out the output file or directory, and
	// scratch an empty directory of the invocation's own.
	argv func(in, out, scratch string) []string
	env  []string
}

// allTools lists every row in table order. bin is the ismsforge binary and
// pdfs the number of PDFs it wrote in the reference build.
func allTools(bin string, jobs, pdfs int) []*tool {
	pandoc := need{"pandoc", "pandoc"}
	gomaxprocs := []string{"GOMAXPROCS=" + strconv.Itoa(jobs)}
	isf := "ismsforge build (HTML only: this build writes no PDF)"
	if pdfs > 0 {
		isf = fmt.Sprintf("ismsforge build (HTML + %d PDFs)", pdfs)
	}
	return []*tool{{
		id: "ismsforge", name: isf, input: inputProject, env: gomaxprocs,
		argv: func(in, out, _ string) []string { return []string{bin, "build", in, "-o", out, "-q"} },
	}, {
		id: "ismsforge-nopdf", name: "ismsforge build --no-pdf (HTML only)", extra: true,
		input: inputProject, env: gomaxprocs,
		argv: func(in, out, _ string) []string { return []string{bin, "build", in, "-o", out, "-q", "--no-pdf"} },
	}, {
		id: "pandoc-html", name: "pandoc → HTML", input: inputMarkdown, ext: ".html",
		needs: []need{pandoc},
		argv:  func(in, out, _ string) []string { return []string{"pandoc", "-s", in, "-o", out} },
	}, {
		id: "pandoc-pdflatex", name: "pandoc → PDF (pdflatex)", input: inputMarkdown, ext: ".pdf",
		needs: []need{pandoc, {"pdflatex", "texlive-latex-recommended texlive-fonts-recommended lmodern"}},
		argv: func(in, out, _ string) []string {
			return []string{"pandoc", in, "--pdf-engine=pdflatex", "-o", out}
		},
	}, {
		id: "pandoc-xelatex", name: "pandoc → PDF (xelatex)", extra: true, input: inputMarkdown, ext: ".pdf",
		needs: []need{pandoc, {"xelatex", "texlive-xetex"}},
		argv: func(in, out, _ string) []string {
			return []string{"pandoc", in, "--pdf-engine=xelatex", "-o", out}
		},
	}, {
		id: "wkhtmltopdf", name: "pandoc HTML → wkhtmltopdf", input: inputHTML, ext: ".pdf",
		needs: []need{{"wkhtmltopdf", "wkhtmltopdf"}, pandoc},
		argv: func(in, out, _ string) []string {
			return []string{"wkhtmltopdf", "--quiet", "--enable-local-file-access", in, out}
		},
	}, {
		id: "weasyprint", name: "pandoc HTML → WeasyPrint", input: inputHTML, ext: ".pdf",
		needs: []need{{"weasyprint", "weasyprint"}, pandoc},
		argv:  func(in, out, _ string) []string { return []string{"weasyprint", in, out} },
	}, {
		id: "chromium", name: "pandoc HTML → Chromium --print-to-pdf", input: inputHTML, ext: ".pdf",
		needs: []need{{"chromium", "chromium"}, pandoc},
		argv: func(in, out, scratch string) []string {
			return []string{"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + scratch, "--print-to-pdf=" + out,
				"--no-pdf-header-footer", "file://" + in}
		},
	}}
}

func toolIDs() []string {
	var ids []string
	for _, t := range allTools("", 1, 0) {
		ids = append(ids, t.id)
	}
	return ids
}

func knownTool(id string) bool {
	return slices.Contains(toolIDs(), id)
}

// selectTools returns the tools that can run here, and a line for each one
// that cannot, saying how to install what it misses.
func selectTools(cfg config, pk *pack, bin string) (run []*tool, skipped []string) {
	for _, t := range allTools(bin, cfg.jobs, pk.pdfs) {
		if len(cfg.only) > 0 && !slices.Contains(cfg.only, t.id) {
			continue
		}
		switch {
		case t.input == inputProject && pk.buildErr != nil:
			skipped = append(skipped, fmt.Sprintf("skipped: %s: the build failed (%v)", strings.SplitN(t.name, " (", 2)[0], pk.buildErr))
			continue
		case t.id == "ismsforge-nopdf" && pk.pdfs == 0:
			skipped = append(skipped, "skipped: "+t.name+": same as ismsforge build while it writes no PDF")
			continue
		}
		if why := missing(t); why != "" {
			skipped = append(skipped, why)
			continue
		}
		run = append(run, t)
	}
	return run, skipped
}

// missing says which of t's executables is not installed, or "".
func missing(t *tool) string {
	var bins, pkgs []string
	for _, n := range t.needs {
		if _, err := exec.LookPath(n.bin); err != nil {
			bins = append(bins, n.bin)
			pkgs = append(pkgs, n.pkg)
		}
	}
	if len(bins) == 0 {
		return ""
	}
	return fmt.Sprintf("skipped: %s: %s not installed (apt-get install %s)",
		t.name, strings.Join(bins, " and "), strings.Join(pkgs, " "))
}

// job is one invocation of a tool.
type job struct {
	doc     string
	argv    []string
	out     string
	scratch string
}

// jobs lays out one round of t in the fresh directory dir.
func (t *tool) jobs(pk *pack, dir string) []job {
	if t.input == inputProject {
		out := filepath.Join(dir, "out")
		return []job{{doc: "(whole pack)", argv: t.argv(pk.example, out, ""), out: out}}
	}
	js := make([]job, 0, len(pk.docs))
	for _, doc := range pk.docs {
		in := filepath.Join(pk.mdDir, doc+".md")
		if t.input == inputHTML {
			in = filepath.Join(pk.htmlDir, doc+".html")
		}
		out := filepath.Join(dir, doc+t.ext)
		scratch := filepath.Join(dir, "scratch", doc)
		js = append(js, job{doc: doc, argv: t.argv(in, out, scratch), out: out, scratch: scratch})
	}
	return js
}
