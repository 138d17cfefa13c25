package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ismsforge/ismsforge/templates"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ismsforge": func() { os.Exit(mainCode()) },
	})
}

// TestScripts runs the CLI scenarios in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "isms.yaml"), []byte("organization:\n  name: X\n  nmae: Y\n"), 0o644)
	cases := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"ok", []string{"version"}, exitOK, ""},
		{"bad flag", []string{"build", "--nope"}, exitInput, "unknown flag"},
		{"no facts", []string{"build", filepath.Join(dir, "missing")}, exitInput, "no isms.yaml"},
		{"bad facts", []string{"build", bad}, exitInput, "isms.yaml:3:3: error: unknown key \"nmae\""},
		{"init twice", []string{"init", bad, "--example", "acme-saas"}, exitInput, "already exists"},
		{"output is project", []string{"build", bad, "-o", bad}, exitInput, "refusing to write"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(c.args...)
			if code != c.code || !strings.Contains(stderr, c.err) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, c.code, c.err)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stderr shows a Go trace:\n%s", stderr)
			}
		})
	}
}

// TestCatalogJSON checks the catalog contract: 93 controls by theme with the
// documented field names, and clauses 4.1 to 10.2.
func TestCatalogJSON(t *testing.T) {
	code, stdout, stderr := runCLI("catalog", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Clauses []struct {
			ID         string `json:"id"`
			Title      string `json:"title"`
			Documented *bool  `json:"documented"`
		} `json:"clauses"`
		Controls []struct {
			ID    string `json:"id"`
			Theme string `json:"theme"`
			Title string `json:"title"`
		} `json:"controls"`
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	themes := map[string]int{}
	for _, c := range got.Controls {
		themes[c.Theme]++
		if c.Title == "" {
			t.Errorf("%s has no title", c.ID)
		}
	}
	want := map[string]int{"organizational": 37, "people": 8, "physical": 14, "technological": 34}
	if len(got.Controls) != 93 || len(themes) != 4 {
		t.Fatalf("%d controls in %d themes", len(got.Controls), len(themes))
	}
	for th, n := range want {
		if themes[th] != n {
			t.Errorf("theme %s has %d controls, want %d", th, themes[th], n)
		}
	}
	ids := map[string]bool{}
	for _, c := range got.Clauses {
		ids[c.ID] = true
		if c.Documented == nil {
			t.Errorf("clause %s lacks the documented flag", c.ID)
		}
	}
	for _, id := range []string{"4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3", "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2", "8.3", "9.1", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "10.2"} {
		if !ids[id] {
			t.Errorf("clause %s missing", id)
		}
	}
	if got.Controls[0].ID != "A.5.1" || got.Controls[92].ID != "A.8.34" {
		t.Errorf("controls run %s..%s", got.Controls[0].ID, got.Controls[92].ID)
	}
}

// syncBuffer is a bytes.Buffer that a running command and a test may use
// at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWatchPrintsRebuildsAndStopsCleanly runs watch on a copy of the
// example, edits a template and stops it the way Ctrl-C does.
func TestWatchPrintsRebuildsAndStopsCleanly(t *testing.T) {
	dir := t.TempDir()
	facts, err := os.ReadFile("../../examples/acme-saas/isms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "isms.yaml"), facts, 0o644)
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"watch", dir, "--no-pdf"}, &stdout, &stderr) }()
	waitFor := func(what string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for !strings.Contains(stdout.String(), what) {
			if time.Now().After(deadline) {
				t.Fatalf("stdout lacks %q:\n%s\nstderr:\n%s", what, stdout.String(), stderr.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("full build: re-rendered 51 documents")
	if !strings.Contains(stdout.String(), "watching isms.yaml, templates/, themes/, assets/ in "+dir) {
		t.Errorf("no start line:\n%s", stdout.String())
	}
	tpl, _ := templates.FS.ReadFile("cryptography.md")
	os.WriteFile(filepath.Join(dir, "templates", "cryptography.md"), append(tpl, "\nKeys are rotated.\n"...), 0o644)
	waitFor("[templates/cryptography.md]: re-rendered [cryptography], wrote ")
	cancel()
	select {
	case c := <-code:
		if c != exitInterrupted {
			t.Errorf("exit %d after Ctrl-C, want %d; stderr:\n%s", c, exitInterrupted, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("watch did not stop")
	}
}
