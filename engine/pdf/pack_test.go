package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/internal/pdfread"
)

// tocLine is an entry of the pack's contents as read back from the PDF.
type tocLine struct {
	title string
	page  int
}

// readTOC reads the contents pages of a pack (pages 2 to the first
// document's) with our own reader: each entry's title and the page number
// printed at the right margin on the same baseline.
func readTOC(t *testing.T, r *pdfread.File, pages []int) []tocLine {
	t.Helper()
	var out []tocLine
	for pi := 1; pi < len(pages); pi++ {
		items, err := r.PageText(pages[pi])
		if err != nil {
			t.Fatal(err)
		}
		isTOC := false
		for _, it := range items {
			if strings.TrimSpace(it.Str) == "Contents" && !it.Artifact() && it.X < 100 {
				isTOC = true
			}
		}
		if !isTOC {
			break
		}
		// Group the page's text by baseline.
		byY := map[float64][]pdfread.Text{}
		for _, it := range items {
			if it.Artifact() {
				continue
			}
			byY[it.Y] = append(byY[it.Y], it)
		}
		ys := make([]float64, 0, len(byY))
		for y := range byY {
			ys = append(ys, y)
		}
		sort.Sort(sort.Reverse(sort.Float64Slice(ys)))
		for _, y := range ys {
			line := byY[y]
			sort.Slice(line, func(i, j int) bool { return line[i].X < line[j].X })
			last := line[len(line)-1]
			n, err := strconv.Atoi(strings.TrimSpace(last.Str))
			if err != nil || len(line) < 2 {
				continue
			}
			var title []string
			for _, it := range line[:len(line)-1] {
				s := strings.TrimSpace(it.Str)
				if strings.Trim(s, ". ") == "" || regexp.MustCompile(`^\d+\.\d+$`).MatchString(s) {
					continue // leaders, version
				}
				title = append(title, s)
			}
			out = append(out, tocLine{title: strings.Join(title, " "), page: n})
		}
	}
	return out
}

// TestPackContentsPointAtTheirPages checks every number the contents print
// against the page where that document or section really starts, reading
// the PDF back without external tools, in both contents styles.
func TestPackContentsPointAtTheirPages(t *testing.T) {
	for _, mode := range []string{PackContentsDocuments, PackContentsSections} {
		t.Run(mode, func(t *testing.T) {
			p := testPack(t)
			o := testOptions()
			o.Style.PackContents = mode
			pack, err := Pack(p, o)
			if err != nil {
				t.Fatal(err)
			}
			r, err := pdfread.Open(pack)
			if err != nil {
				t.Fatal(err)
			}
			pages, err := r.Pages()
			if err != nil {
				t.Fatal(err)
			}
			text := pageStrings(t, r, pages)
			toc := readTOC(t, r, pages)
			want := len(p.Docs)
			if mode == PackContentsSections {
				want = 0
				for _, d := range p.Docs {
					want++
					top := 7
					for _, h := range d.MD.Headings {
						top = min(top, h.Level)
					}
					for _, h := range d.MD.Headings {
						if h.Level == top {
							want++
						}
					}
				}
			}
			if len(toc) != want {
				t.Fatalf("read %d contents entries, want %d: %+v", len(toc), want, toc)
			}
			for _, e := range toc {
				if e.page < 1 || e.page > len(pages) {
					t.Errorf("%q: page %d is outside the pack's %d pages", e.title, e.page, len(pages))
					continue
				}
				found := false
				for _, s := range text[e.page-1] {
					if strings.HasSuffix(s, strings.TrimPrefix(e.title, titlePrefix(e.title))) {
						found = true
					}
				}
				if !found {
					t.Errorf("contents list %q at page %d, but that page does not show it:\n%s", e.title, e.page, strings.Join(text[e.page-1], " | "))
				}
			}
			checkNoBlankPage(t, text)
			checkPackFolios(t, text)
			if _, err := exec.LookPath("pdftotext"); err == nil {
				checkTOCWithPdftotext(t, pack, toc)
			}
		})
	}
}

// pageStrings returns the text of each page, one string per text
// operation.
func pageStrings(t *testing.T, r *pdfread.File, pages []int) [][]string {
	t.Helper()
	var out [][]string
	for _, p := range pages {
		items, err := r.PageText(p)
		if err != nil {
			t.Fatal(err)
		}
		var ss []string
		for _, it := range items {
			ss = append(ss, strings.TrimSpace(it.Str))
		}
		out = append(out, ss)
	}
	return out
}

// titlePrefix is the reference before a document's title in a contents
// line ("ACME-ISMS-POL-01 Information Security Policy"), which the
// document's first page shows elsewhere.
func titlePrefix(s string) string {
	if i := strings.IndexByte(s, ' '); i > 0 && strings.Contains(s[:i], "-") {
		return s[:i+1]
	}
	return ""
}

// checkNoBlankPage: every page shows something besides its furniture.
func checkNoBlankPage(t *testing.T, text [][]string) {
	t.Helper()
	for i, ss := range text {
		if len(ss) < 5 {
			t.Errorf("page %d is (nearly) blank: %q", i+1, ss)
		}
	}
}

// checkPackFolios: from the first document on, every page prints its pack
// page number, and the numbers run 1, 2, 3 with the pages.
func checkPackFolios(t *testing.T, text [][]string) {
	t.Helper()
	total := len(text)
	re := regexp.MustCompile(`^Pack page (\d+) of (\d+)`)
	seen := 0
	for i, ss := range text {
		for _, s := range ss {
			if m := re.FindStringSubmatch(s); m != nil {
				seen++
				if m[1] != strconv.Itoa(i+1) || m[2] != strconv.Itoa(total) {
					t.Errorf("page %d prints %q", i+1, s)
				}
			}
		}
	}
	if seen < total-3 {
		t.Errorf("only %d of %d pages print their pack page number", seen, total)
	}
}

// checkTOCWithPdftotext reads the pages the contents point at with poppler,
// which knows nothing of ismsforge.
func checkTOCWithPdftotext(t *testing.T, pack []byte, toc []tocLine) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(path, pack, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, e := range toc {
		out, err := exec.Command("pdftotext", "-f", strconv.Itoa(e.page), "-l", strconv.Itoa(e.page), "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		title := strings.TrimPrefix(e.title, titlePrefix(e.title))
		if !strings.Contains(strings.Join(strings.Fields(string(out)), " "), title) {
			t.Errorf("pdftotext: page %d does not show %q", e.page, title)
		}
	}
	// The contents as pdftotext reads them: each line ends in the number
	// our reader found.
	out, err := exec.Command("pdftotext", "-layout", "-f", "2", "-l", "2", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range toc[:min(3, len(toc))] {
		re := regexp.MustCompile(regexp.QuoteMeta(strings.Fields(e.title)[0]) + `.*\s` + strconv.Itoa(e.page) + `\s*$`)
		ok := false
		for _, ln := range strings.Split(string(out), "\n") {
			if re.MatchString(ln) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("pdftotext -layout shows no contents line for %q ending in %d:\n%s", e.title, e.page, out)
		}
	}
}
