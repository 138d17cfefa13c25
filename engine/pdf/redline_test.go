package pdf

import (
	"testing"

	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/redline"
)

// TestRedlineMarks lays out a redline: inserted words are underlined in
// the insertion colour, deleted ones struck through in the deletion
// colour, and the changed paragraph and table row have a bar in the left
// margin, while an unchanged paragraph has none.
func TestRedlineMarks(t *testing.T) {
	old := "Unchanged paragraph.\n\nThe sites are Denver and Raleigh.\n\n| Site | Kind |\n|---|---|\n| Denver | HQ |\n| Raleigh | office |\n"
	cur := "Unchanged paragraph.\n\nThe sites are Denver, Austin and Raleigh.\n\n| Site | Kind |\n|---|---|\n| Denver | HQ |\n| Raleigh | branch |\n"
	rl := redline.Compare([]byte(old), []byte(cur), markdown.Options{})
	d := newDoc("scope", "REF-1", "Scope", "record", cur)
	d.MD = rl.Doc
	l, err := LayoutDocument(d, testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var ins, del []string
	bars := 0
	var unchangedY float64
	pg := l.Pages[0]
	for i, b := range pg.Boxes {
		if b.Kind != KindText {
			continue
		}
		if b.Text == "Unchanged paragraph." || b.Text == "Unchanged" {
			unchangedY = b.Y
		}
		next := func(k int) *Box {
			if i+k < len(pg.Boxes) {
				return &pg.Boxes[i+k]
			}
			return nil
		}
		if n := next(1); n != nil && n.Kind == KindLine && b.Color == insColor && n.Y > b.Y {
			ins = append(ins, b.Text)
		}
		if n := next(1); n != nil && n.Kind == KindLine && b.Color == delColor && n.Y < b.Y {
			del = append(del, b.Text)
		}
	}
	for _, b := range pg.Under {
		if b.Kind == KindFill && b.Color == barColor {
			bars++
			if unchangedY > 0 && b.Y < unchangedY && b.Y+b.H > unchangedY {
				t.Error("the unchanged paragraph has a change bar")
			}
		}
	}
	if len(ins) == 0 || len(del) == 0 {
		t.Errorf("underlined insertions %q, struck deletions %q", ins, del)
	}
	if bars < 2 {
		t.Errorf("%d change bars; want the paragraph's and the row's", bars)
	}
}
