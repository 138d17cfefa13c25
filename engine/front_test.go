package engine_test

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/document"
)

// TestFrontBlockIsTheSameInEveryFormat builds a document with a release
// history and reads its HTML page, its PDF and its Word file back as a
// reader would: each shows the same control block labels and values, in
// the same order, and the same revision history rows, after the control
// block and before the body.
func TestFrontBlockIsTheSameInEveryFormat(t *testing.T) {
	dir := glyphProject(t, "Northwind Analytics Ltd", symbolsTemplate)
	lib := os.DirFS("../testdata/minilib")
	ctx := context.Background()
	if _, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "First release of the ISMS.", ApprovedBy: "eve", Library: lib}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "templates", "symbols.md"), []byte(symbolsTemplate+"- a second list item\n"))
	if _, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Added an item.", ApprovedBy: "eve", Library: lib}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	res, err := engine.Build(ctx, engine.Options{Dir: dir, Out: out, Library: lib})
	if err != nil {
		t.Fatal(err)
	}
	var doc *document.Document
	for _, d := range res.Built.Pack.Docs {
		if d.ID == "symbols" {
			doc = d
		}
	}
	if doc == nil {
		t.Fatal("no symbols document")
	}
	front := doc.Front(res.Built.Pack)
	if len(front.History.Rows) != 2 {
		t.Fatalf("history has %d rows, want 2", len(front.History.Rows))
	}
	// What every format must show, in reading order: the labels and
	// values, then the history's title, columns and rows, then the body.
	var want []string
	for _, f := range front.Fields {
		want = append(want, f.Label, f.Value)
	}
	want = append(want, front.History.Title)
	want = append(want, front.History.Columns...)
	for _, r := range front.History.Rows {
		want = append(want, r...)
	}
	want = append(want, "Checklist")

	t.Run("html", func(t *testing.T) {
		page, err := os.ReadFile(filepath.Join(out, "html", "symbols.html"))
		if err != nil {
			t.Fatal(err)
		}
		s := string(page)
		article := s[strings.Index(s, "<article>"):]
		var cells []string
		for _, m := range regexp.MustCompile(`<(?:dt|dd|th|td|h2)[^>]*>(.*?)</(?:dt|dd|th|td|h2)>`).FindAllStringSubmatch(article, -1) {
			cells = append(cells, html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], "")))
		}
		inOrder(t, "html", cells, want)
	})
	t.Run("pdf", func(t *testing.T) {
		inOrderText(t, "pdf", pdfPageText(t, filepath.Join(out, "pdf", "symbols.pdf"), 0), want)
	})
	t.Run("docx", func(t *testing.T) {
		paras, _, _, _ := readWord(t, docxPart(t, filepath.Join(out, "docx", "symbols.docx"), "word/document.xml"))
		var cells []string
		for _, p := range paras {
			if p.text != "" {
				cells = append(cells, p.text)
			}
		}
		inOrder(t, "docx", cells, want)
	})
}

// inOrder checks that want appears in cells, each at its own cell, in
// order.
func inOrder(t *testing.T, format string, cells, want []string) {
	t.Helper()
	i := 0
	for _, w := range want {
		for i < len(cells) && strings.TrimSpace(cells[i]) != w {
			i++
		}
		if i == len(cells) {
			t.Errorf("%s: %q is missing or out of order; the cells are %q", format, w, cells)
			return
		}
		i++
	}
}

// inOrderText checks that want appears in text in order.
func inOrderText(t *testing.T, format, text string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("%s: %q is missing or out of order after %q", format, w, text[max(0, at-80):at])
			return
		}
		at += i + len(w)
	}
}
