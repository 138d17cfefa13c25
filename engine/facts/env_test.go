package facts

import (
	"errors"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestEnvironmentOverridesASetting: an ISMSFORGE_* variable overrides one
// setting of the file, read and checked as the file's values are, and a
// wrong value is an error that names the variable.
func TestEnvironmentOverridesASetting(t *testing.T) {
	t.Setenv("ISMSFORGE_OUTPUT_PAGE_SIZE", "letter")
	t.Setenv("ISMSFORGE_RELEASE_DATE", "2026-04-30")
	t.Setenv("ISMSFORGE_DOCUMENT_CONTROL_REVIEW_MONTHS", "6")
	f, err := parse(t, minimal)
	if err != nil {
		t.Fatal(err)
	}
	if f.Output.PageSize != "letter" || f.ReleaseDate().String() != "2026-04-30" || f.DocumentControl.ReviewMonths != 6 {
		t.Errorf("overrides not applied: page size %q, date %s, review months %d", f.Output.PageSize, f.ReleaseDate(), f.DocumentControl.ReviewMonths)
	}
	if pos := f.Where("release.date"); pos.File != "$ISMSFORGE_RELEASE_DATE" {
		t.Errorf("release.date is at %v, want the variable", pos)
	}

	t.Setenv("ISMSFORGE_OUTPUT_PAGE_SIZE", "tabloid")
	_, err = parse(t, minimal)
	var d *diag.Diagnostic
	var l diag.List
	switch {
	case errors.As(err, &l) && len(l) > 0:
		d = l[0]
	case errors.As(err, &d):
	default:
		t.Fatalf("got %v, want a diagnostic", err)
	}
	if d.Pos.File != "$ISMSFORGE_OUTPUT_PAGE_SIZE" || !strings.Contains(d.Message, "tabloid") {
		t.Errorf("got %s", d)
	}
}

// TestEveryScalarSettingCanBeOverridden follows the types: a setting the
// types gain is listed without a change here.
func TestEveryScalarSettingCanBeOverridden(t *testing.T) {
	o := Overrides()
	for path, name := range map[string]string{
		"organization.name":              "ISMSFORGE_ORGANIZATION_NAME",
		"release.date":                   "ISMSFORGE_RELEASE_DATE",
		"document_control.review_months": "ISMSFORGE_DOCUMENT_CONTROL_REVIEW_MONTHS",
		"output.raw_html":                "ISMSFORGE_OUTPUT_RAW_HTML",
	} {
		if o[path] != name {
			t.Errorf("%s: got %q, want %q", path, o[path], name)
		}
	}
	for path := range o {
		if strings.ContainsAny(path, "[#") || strings.HasPrefix(path, "controls.") || strings.HasPrefix(path, "custom") {
			t.Errorf("%s is inside a list or a map", path)
		}
	}
}
