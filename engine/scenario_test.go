package engine_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/bundle"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/redline"
	"github.com/ismsforge/ismsforge/engine/version"
)

// addLocation adds an office to the acme example's organization and scope.
func addLocation(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "isms.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	const name = "Lisbon engineering office"
	loc := "\n    - id: lisbon\n      name: " + name + "\n      kind: office\n      address: Avenida da Liberdade 110, 1250-146 Lisbon, Portugal\n      country: PT\n"
	i := strings.Index(s, "\n  locations:\n")
	if i < 0 {
		t.Fatal("no organization.locations in the example")
	}
	i += len("\n  locations:")
	s = s[:i] + loc[:len(loc)-1] + s[i:]
	j := strings.Index(s, "\nscope:")
	k := strings.Index(s[j:], "\n  locations:")
	if j < 0 || k < 0 {
		t.Fatal("no scope.locations in the example")
	}
	at := j + k + len("\n  locations:")
	if rest := s[at:]; strings.HasPrefix(rest, " [") {
		end := at + strings.Index(rest, "]")
		s = s[:end] + ", lisbon" + s[end:]
	} else {
		s = s[:at] + "\n    - lisbon" + s[at:]
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestScopeChangeScenario is the story of issue 5: release 1.0, add a
// location to the scope, see exactly what changes, release 1.1, verify the
// bundle, and catch tampering.
func TestScopeChangeScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-pack scenario")
	}
	ctx := context.Background()
	dir := t.TempDir()
	src, _ := os.ReadFile("../examples/acme-saas/isms.yaml")
	writeFile(t, filepath.Join(dir, "isms.yaml"), src)

	// 1. Build, 2. release 1.0.
	if _, err := engine.Build(ctx, engine.Options{Dir: dir, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	rel1, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Initial release", NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}

	// 3. Change a scope fact.
	name := addLocation(t, dir)

	// 4. diff lists the affected documents, and the redline shows the change.
	res, err := engine.Diff(ctx, engine.DiffOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var modified []string
	for _, d := range res.Documents {
		if d.Change != "modified" {
			t.Errorf("%s is %s; only modifications are expected", d.ID, d.Change)
		}
		modified = append(modified, d.ID)
		// Nothing else may change: a modified document must show the new
		// location among its changed lines. Other lines of the same
		// document may follow from it (a site in the EU brings EU rules).
		touches := false
		for _, l := range redline.Diff(d.Old, d.New) {
			text := strings.ToLower(l.Text)
			if l.Kind != redline.Equal && (strings.Contains(text, "lisbon") || strings.Contains(text, "location") || strings.Contains(text, "site")) {
				touches = true
			}
		}
		if !touches {
			t.Errorf("%s changed, but none of its changed lines concerns locations", d.ID)
		}
	}
	if !slices.Contains(modified, "isms-scope") {
		t.Errorf("the scope statement is not among the changed documents: %v", modified)
	}
	// Every document that now names the new location is listed.
	work := build(t, dir, true)
	mds, _ := filepath.Glob(filepath.Join(work, "md", "*.md"))
	for _, md := range mds {
		b, _ := os.ReadFile(md)
		id := strings.TrimSuffix(filepath.Base(md), ".md")
		if bytes.Contains(b, []byte(name)) && !slices.Contains(modified, id) {
			t.Errorf("%s names %s but diff does not list it", id, name)
		}
	}
	if len(res.SoA) != 0 {
		t.Errorf("a new office changes no SoA row, got %+v", res.SoA)
	}
	written, err := engine.WriteRedlines(context.Background(), engine.DiffOptions{Dir: dir}, res)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(written, "isms-scope.html"))
	if !bytes.Contains(page, []byte("<ins")) || !bytes.Contains(page, []byte("Lisbon")) {
		t.Error("the scope redline does not mark the new location as inserted")
	}

	// 5. Release: only the changed documents get a new version and a row,
	// even on a later date than the facts' (the risk register is dated by
	// the assessment, not by the release).
	later := facts.NewDate(2026, time.December, 1)
	rel2, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Add the Lisbon office to the scope", NoPDF: true, Date: later})
	if err != nil {
		t.Fatal(err)
	}
	if rel2.Version != "1.1" || !slices.Equal(rel2.Changed, modified) {
		t.Errorf("release %s changed %v, want 1.1 and %v", rel2.Version, rel2.Changed, modified)
	}
	lock, err := version.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for id, st := range lock.Documents {
		want, rows := "1.0", 1
		if slices.Contains(modified, id) {
			want, rows = "1.1", 2
		}
		if st.Version != want || len(st.History) != rows {
			t.Errorf("%s: version %s with %d history rows, want %s with %d", id, st.Version, len(st.History), want, rows)
		}
	}

	// 6. verify passes on the zip; 7. one flipped byte fails it.
	zip, err := os.ReadFile(rel2.Bundle)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bundle.Verify(zip, nil); err != nil {
		t.Fatalf("verify: %v", err)
	}
	for _, at := range []int{0, len(zip) / 3, len(zip) / 2, len(zip) - 30} {
		bad := bytes.Clone(zip)
		bad[at] ^= 0x01
		if _, err := bundle.Verify(bad, nil); err == nil {
			t.Errorf("a flipped byte at %d of %d went unnoticed", at, len(zip))
		}
	}
	if _, err := os.Stat(rel1.Bundle); err != nil {
		t.Errorf("release 1.0's bundle is gone: %v", err)
	}

	// Releasing again, on yet another date, with nothing changed is refused.
	_, err = engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Nothing new", NoPDF: true, Date: later.AddDays(14)})
	var re *engine.ReleaseError
	if !errors.As(err, &re) || !strings.Contains(re.Msg, "nothing to release") {
		t.Errorf("a release without changes on a new date: %v, want it refused", err)
	}
}

// TestReleaseIsReproducible releases the same project twice, in two
// directories, and compares the bundles byte for byte.
func TestReleaseIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-pack releases")
	}
	src, _ := os.ReadFile("../examples/acme-saas/isms.yaml")
	var zips [][]byte
	for range 2 {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "isms.yaml"), src)
		rel, err := engine.Release(context.Background(), engine.ReleaseOptions{Dir: dir, Summary: "Initial release"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(rel.Bundle)
		if err != nil {
			t.Fatal(err)
		}
		zips = append(zips, b)
	}
	if !bytes.Equal(zips[0], zips[1]) {
		t.Error("two releases of the same project gave different bundles")
	}
}
