package facts

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestInputProblemsAreFoundAtTheirLine feeds isms.yaml files that are wrong
// as text rather than as facts. Each must be one diagnostic at the line and
// column of the problem, not lines away and not without a position.
func TestInputProblemsAreFoundAtTheirLine(t *testing.T) {
	deep := "organization:\n  name: Acme\ncustom:\n"
	for i := range 200 {
		deep += strings.Repeat("  ", i+1) + "k:\n"
	}
	deep += strings.Repeat("  ", 201) + "v\n"
	cases := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"tab in indentation", "organization:\n  name: Acme\n  country: GB\npeople:\n  - id: ann\n    name: Ann\n\t  roles: [top-management]\n", 7, 1, "a tab indents this line"},
		{"tab after a key", "organization:\n  name: Acme\n  industry: x\n  description: y\n\tcountry: GB\n", 5, 1, "a tab indents this line"},
		{"unclosed double quote", "organization:\n  name: Acme\n  industry: \"SaaS\n  country: GB\npeople: []\nrelease: {date: 2026-01-10}\n", 3, 13, "the quote opened here is never closed"},
		{"unclosed quote before a later quote", "organization:\n  name: 'Acme\n  country: GB\n  industry: 'SaaS'\n", 2, 9, "the quote opened here is never closed"},
		{"latin-1 byte", "organization:\n  name: Acme\n  country: G\xffB\n", 3, 13, "byte 0xff is not UTF-8 text"},
		{"utf-16", "\xff\xfeo\x00r\x00", 1, 1, "byte 0xff is not UTF-8 text"},
		{"second document", minimal + "---\nrisks: []\n", 10, 1, "a second YAML document starts here"},
		{"second document after an opening marker", "---\n" + minimal + "---\nrisks: []\n", 11, 1, "a second YAML document starts here"},
		{"nested too deep", deep, 67, 129, "nested more than 64 levels deep"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parse(t, c.src)
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("want a diagnostic, got %v", err)
			}
			if d.Pos.Line != c.line || d.Pos.Col != c.col || !strings.Contains(d.Message, c.msg) || d.Hint == "" {
				t.Errorf("got %s\nwant line %d col %d, %q and a hint", d.Error(), c.line, c.col, c.msg)
			}
		})
	}
}

// TestDeepNestingFailsFast is the 4,000-deep file that kept viper busy for
// minutes: the depth limit must stop it in the parser's time.
func TestDeepNestingFailsFast(t *testing.T) {
	var b strings.Builder
	b.WriteString("organization:\n  name: Acme\ncustom:\n")
	for i := range 4000 {
		b.WriteString(strings.Repeat(" ", i+2) + "k:\n")
	}
	b.WriteString(strings.Repeat(" ", 4002) + "v\n")
	done := make(chan error, 1)
	go func() {
		_, err := Parse("isms.yaml", []byte(b.String()), catalog.Default())
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "levels deep") {
			t.Fatalf("want the depth error, got %v", err)
		}
	case <-time.After(60 * time.Second): // a hang guard, not a performance bound
		t.Fatal("parsing a deeply nested file did not finish within a minute")
	}
}

// TestFactsFileMustBeARegularFile refuses a directory, a named pipe and an
// unreadable file, each as the user's mistake rather than a crash or a hang.
func TestFactsFileMustBeARegularFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "isms.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir, catalog.Default())
	if !diag.IsUserError(err) || !strings.Contains(err.Error(), "is a directory, not a regular file") {
		t.Errorf("directory: %v", err)
	}

	dir = t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "isms.yaml"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Load(dir, catalog.Default()); done <- err }()
	select {
	case err := <-done:
		if !diag.IsUserError(err) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("fifo: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("reading a named pipe hangs")
	}

	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	dir = t.TempDir()
	p := filepath.Join(dir, "isms.yaml")
	if err := os.WriteFile(p, []byte(minimal), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err = Load(dir, catalog.Default())
	if !diag.IsUserError(err) || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("unreadable: %v", err)
	}
}
