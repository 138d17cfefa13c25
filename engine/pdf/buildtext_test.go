package pdf

import (
	"strings"
	"testing"
)

// textReference is builder.text as it was before it kept literal
// substrings: every character written one by one (joining runs is shared). FuzzBuilderText holds
// the two equal.
func textReference(b *builder, runs []run, s string, st style, off int) []run {
	var cur strings.Builder
	curFace := st.face
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		t := cur.String()
		cur.Reset()
		runs = appendText(runs, t, curFace, st)
	}
	for i, r := range s {
		switch r {
		case '\t', '\n', '\r', '\u00a0':
			r = ' '
		}
		if r < ' ' {
			continue
		}
		f, ok := b.m.fallback(st.face, r)
		if !ok {
			b.reportMissing(r, off+i)
			continue
		}
		if f != curFace {
			flush()
			curFace = f
		}
		cur.WriteRune(r)
	}
	flush()
	return runs
}

// FuzzBuilderText compares the runs builder.text makes with the
// reference's, for any text: tabs and line breaks, control characters,
// characters only the symbol font has, characters no font has, and
// invalid UTF-8.
func FuzzBuilderText(f *testing.F) {
	for _, s := range []string{"plain words", "tab\there\nand\u00a0nbsp", "ctrl\x01\x02x", "check ✓ and ⩽ ≤", "emoji 😀 gone", "bad \xff\xfe utf8 \uFFFD", "", "✓✓", "\x00"} {
		f.Add(s, uint8(0))
	}
	fs, err := builtinFonts()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, fc uint8) {
		st := style{face: face(fc % uint8(faceSymbol)), size: 10}
		prefix := []run{{Text: "x", Face: st.face, Size: st.size}}
		b1 := newBuilder("t.md", "t", nil, newMeasurer(fs), Style{}, nil)
		b2 := newBuilder("t.md", "t", nil, newMeasurer(fs), Style{}, nil)
		got := b1.text(append([]run(nil), prefix...), s, st, 0)
		want := textReference(b2, append([]run(nil), prefix...), s, st, 0)
		if len(got) != len(want) {
			t.Fatalf("%q: %d runs, want %d: %+v", s, len(got), len(want), got)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: run %d is %+v, want %+v", s, i, got[i], want[i])
			}
		}
		if len(b1.missing) != len(b2.missing) {
			t.Fatalf("%q: %d missing characters reported, want %d", s, len(b1.missing), len(b2.missing))
		}
	})
}
