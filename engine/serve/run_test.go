package serve_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/serve"
	"github.com/ismsforge/ismsforge/engine/watch"
	"github.com/ismsforge/ismsforge/templates"
)

// TestServeReloadsAndShowsErrors runs serve on the acme example: a page
// learns of each rebuild, shows a broken isms.yaml with its line, and
// recovers when it is fixed.
func TestServeReloadsAndShowsErrors(t *testing.T) {
	dir := t.TempDir()
	facts, err := os.ReadFile("../../examples/acme-saas/isms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "isms.yaml"), facts, 0o644)
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	base, _ := templates.FS.ReadFile("cryptography.md")
	tpl := filepath.Join(dir, "templates", "cryptography.md")
	os.WriteFile(tpl, base, 0o644)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	reports := make(chan watch.Outcome, 10)
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan error, 1)
	go func() {
		ran <- serve.Run(ctx, ln, watch.Options{
			Build:  engine.Options{Dir: dir, NoPDF: true},
			Report: func(o watch.Outcome) { reports <- o },
		})
	}()
	defer func() {
		cancel()
		select {
		case err := <-ran:
			if err != nil {
				t.Errorf("Run returned %v after cancel", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Run did not stop")
		}
	}()
	next := func() watch.Outcome {
		t.Helper()
		select {
		case o := <-reports:
			return o
		case <-time.After(20 * time.Second):
			t.Fatal("no rebuild")
		}
		return watch.Outcome{}
	}
	next() // the full build

	resp, err := http.Get(url + serve.EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if l, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- l
			}
		}
	}()
	event := func() string {
		t.Helper()
		select {
		case e := <-events:
			return e
		case <-time.After(20 * time.Second):
			t.Fatal("no event")
		}
		return ""
	}
	fetch := func(path string) string {
		t.Helper()
		r, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		return string(b)
	}
	// Run reports a rebuild before the server takes it in, so the stream
	// may open at generation 0; the full build's generation must follow.
	e := event()
	if e == "0" {
		e = event()
	}
	if e != "1" {
		t.Fatalf("on connect, generation %s", e)
	}
	if p := fetch("/cryptography.html"); !strings.Contains(p, "var g=1,") {
		t.Fatal("the page lacks the reload script")
	}

	saveAtomically(t, tpl, string(base)+"\n## Escrow\n\nKeys are escrowed with counsel.\n")
	if o := next(); o.Err != nil {
		t.Fatal(o.Err)
	}
	if e := event(); e != "2" {
		t.Fatalf("after the edit, generation %s", e)
	}
	if p := fetch("/cryptography.html"); !strings.Contains(p, "Keys are escrowed with counsel.") {
		t.Error("the edit is not served")
	}

	saveAtomically(t, filepath.Join(dir, "isms.yaml"), strings.Replace(string(facts), "organization:", "organization: [", 1))
	if o := next(); o.Err == nil {
		t.Fatal("broken facts built")
	}
	event()
	p := fetch("/cryptography.html")
	if !strings.Contains(p, "The last rebuild failed") || !strings.Contains(p, "isms.yaml:22:") || !strings.Contains(p, `<span class="at">22 | organization: [</span>`) {
		t.Error("the page does not show the error at its line")
	}
	if !strings.Contains(p, "Keys are escrowed with counsel.") {
		t.Error("the last good content is gone")
	}

	saveAtomically(t, filepath.Join(dir, "isms.yaml"), string(facts))
	if o := next(); o.Err != nil {
		t.Fatal(o.Err)
	}
	event()
	if p := fetch("/cryptography.html"); strings.Contains(p, "ismsforge-error") {
		t.Error("the error stayed after the fix")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "out", "html", "cryptography.html")); strings.Contains(string(b), "EventSource") {
		t.Error("the script reached the file on disk")
	}
}

func saveAtomically(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path+".tmp", []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		t.Fatal(err)
	}
}
