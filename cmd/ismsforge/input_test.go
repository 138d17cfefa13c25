package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const okFacts = `organization:
  name: Acme
  country: GB
people:
  - {id: ann, name: Ann, roles: [top-management, isms-owner]}
release: {date: 2026-01-10}
`

const okTemplate = "---\nid: x\ntitle: X\nkind: policy\n---\n## Body\n\nText.\n"

// TestInputProblemsExitOne runs each input problem the adversarial pass
// found reported as an internal error, or at the wrong place, through the
// CLI: each must exit 1 and name the file (and line and column where the
// file has lines) with a hint, never exit 2.
func TestInputProblemsExitOne(t *testing.T) {
	outside := t.TempDir()
	write(t, filepath.Join(outside, "secret.md"), okTemplate)
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) []string
		want  string
	}{
		{"isms.yaml is a directory", func(t *testing.T, dir string) []string {
			must(t, os.Remove(filepath.Join(dir, "isms.yaml")))
			must(t, os.Mkdir(filepath.Join(dir, "isms.yaml"), 0o755))
			return nil
		}, "isms.yaml: error: " + "%DIR%/isms.yaml is a directory, not a regular file"},
		{"isms.yaml is a named pipe", func(t *testing.T, dir string) []string {
			must(t, os.Remove(filepath.Join(dir, "isms.yaml")))
			if err := syscall.Mkfifo(filepath.Join(dir, "isms.yaml"), 0o644); err != nil {
				t.Skip(err)
			}
			return nil
		}, "is a named pipe (FIFO), not a regular file"},
		{"-o names a file", func(t *testing.T, dir string) []string {
			write(t, filepath.Join(dir, "notes.txt"), "mine")
			return []string{"-o", filepath.Join(dir, "notes.txt")}
		}, "it is a file, not a directory; name a directory with -o"},
		{"template linked from outside the project", func(t *testing.T, dir string) []string {
			must(t, os.MkdirAll(filepath.Join(dir, "templates"), 0o755))
			must(t, os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "templates", "evil.md")))
			return nil
		}, "templates/evil.md: error: templates/evil.md is a link that leads outside the project"},
		{"linked directory under templates", func(t *testing.T, dir string) []string {
			must(t, os.MkdirAll(filepath.Join(dir, "templates"), 0o755))
			write(t, filepath.Join(dir, "more", "y.md"), strings.Replace(okTemplate, "id: x", "id: y", 1))
			must(t, os.Symlink("../more", filepath.Join(dir, "templates", "more")))
			return nil
		}, "templates/more: error: templates/more is a link to a directory"},
		{"broken font in the theme", func(t *testing.T, dir string) []string {
			write(t, filepath.Join(dir, "themes/default/theme.yaml"), "name: default\nfonts:\n  bold: fonts/broken.ttf\n")
			write(t, filepath.Join(dir, "themes/default/fonts/broken.ttf"), strings.Repeat("not a font ", 300))
			return nil
		}, "themes/default/theme.yaml:3:9: error: font bold (fonts/broken.ttf): not a TrueType font"},
		{"tab in front matter", func(t *testing.T, dir string) []string {
			write(t, filepath.Join(dir, "templates", "x.md"), "---\nid: x\ntitle: X\n\tkind: policy\n---\nbody\n")
			return nil
		}, "templates/x.md:4:1: error: invalid front matter: a tab indents this line"},
		{"unclosed quote in front matter", func(t *testing.T, dir string) []string {
			write(t, filepath.Join(dir, "templates", "x.md"), "---\nid: x\ntitle: \"X\nkind: policy\n---\nbody\n")
			return nil
		}, "templates/x.md:3:8: error: invalid front matter: the quote opened here is never closed"},
		{"unclosed list in front matter", func(t *testing.T, dir string) []string {
			write(t, filepath.Join(dir, "templates", "x.md"), "---\nid: x\ntitle: X\nkind: policy\ncontrols: [A.5.1\nsummary: S\n---\nbody\n")
			return nil
		}, "templates/x.md:5:1: error: invalid front matter"},
		{"template that is not UTF-8", func(t *testing.T, dir string) []string {
			write(t, filepath.Join(dir, "templates", "x.md"), "---\nid: x\ntitle: X\nkind: policy\n---\nCaf\xe9\n")
			return nil
		}, "templates/x.md:6:4: error: byte 0xe9 is not UTF-8 text"},
		{"isms.yaml that is not UTF-8", func(t *testing.T, dir string) []string {
			write(t, filepath.Join(dir, "isms.yaml"), strings.Replace(okFacts, "Acme", "Acm\xe9", 1))
			return nil
		}, "isms.yaml:2:12: error: byte 0xe9 is not UTF-8 text"},
		{"second YAML document", func(t *testing.T, dir string) []string {
			write(t, filepath.Join(dir, "isms.yaml"), okFacts+"---\nrisks: []\n")
			return nil
		}, "isms.yaml:7:1: error: a second YAML document starts here"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "isms.yaml"), okFacts)
			extra := c.setup(t, dir)
			done := make(chan [3]string, 1)
			go func() {
				code, stdout, stderr := runCLI(append([]string{"build", dir, "-q"}, extra...)...)
				done <- [3]string{string(rune('0' + code)), stdout, stderr}
			}()
			var got [3]string
			select {
			case got = <-done:
			case <-time.After(60 * time.Second): // a hang guard only
				t.Fatal("build hangs")
			}
			want := strings.ReplaceAll(c.want, "%DIR%", dir)
			stderr := strings.ReplaceAll(got[2], dir+string(filepath.Separator), "")
			if got[0] != "1" || !strings.Contains(got[2], want) && !strings.Contains(stderr, want) || !strings.Contains(got[2], "hint: ") && !strings.HasPrefix(got[2], "ismsforge: refusing") {
				t.Errorf("exit %s, stderr:\n%s\nwant exit 1, %q and a hint", got[0], got[2], want)
			}
			if strings.Contains(got[2], "internal error") {
				t.Errorf("reported as an internal error:\n%s", got[2])
			}
		})
	}
}

func write(t testing.TB, path, data string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	must(t, os.WriteFile(path, []byte(data), 0o644))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestUnsupportedCharacterIsOneFinding gives the organization a name in a
// script the PDF fonts lack: one finding at the fact, naming the
// character, instead of an error on every rendered line that prints it.
func TestUnsupportedCharacterIsOneFinding(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "isms.yaml"), strings.Replace(okFacts, "name: Acme", "name: 株式会社テスト", 1))
	code, _, stderr := runCLI("build", dir, "-q")
	if code != exitInput || strings.Count(stderr, ": error: ") != 1 || !strings.Contains(stderr, "isms.yaml:2:9: error: character '株' (U+682A) is in none of the PDF fonts") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and one error at isms.yaml:2:9", code, stderr)
	}
	code, stdout, _ := runCLI("check", dir)
	if code != exitInput || strings.Count(stdout, ": error: ") != 1 {
		t.Errorf("check: exit %d, stdout:\n%s", code, stdout)
	}
	// The HTML needs no PDF font: an HTML-only build goes through.
	if code, _, stderr := runCLI("build", dir, "-q", "--no-pdf"); code != exitOK {
		t.Errorf("build --no-pdf: exit %d\n%s", code, stderr)
	}
}
