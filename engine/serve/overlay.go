package serve

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// overlay is the error box shown over the last good page. It is fixed to
// the top of the window: a reload keeps the reader's scroll position (the
// browser even scrolls past a box placed in the flow), and the error must be
// seen wherever they were. html/template escapes every value: messages and
// source lines are the user's text.
var overlay = template.Must(template.New("overlay").Parse(`<div id="ismsforge-error" role="alert">
<style>
#ismsforge-error{position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:60vh;overflow:auto;box-sizing:border-box;margin:0;padding:1rem 1.25rem;background:#fff4f4;border-bottom:3px solid #c62828;box-shadow:0 4px 16px rgba(0,0,0,.25);color:#1a1a1a;font:15px/1.45 system-ui,sans-serif;text-align:left}
#ismsforge-error h2{margin:0 2.5rem .5rem 0;font-size:1.15rem;color:#b71c1c}
#ismsforge-error p{margin:.25rem 0}
#ismsforge-error code{font:600 14px ui-monospace,SFMono-Regular,Menlo,monospace}
#ismsforge-error pre{overflow-x:auto;margin:.4rem 0;padding:.5rem .75rem;background:#fff;border:1px solid #e3c4c4;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre}
#ismsforge-error .at{background:#ffe3e3;font-weight:700}
#ismsforge-error .caret{color:#c62828;font-weight:700}
#ismsforge-error .diag{margin-bottom:.75rem}
#ismsforge-error .note{color:#555;font-size:.9em}
#ismsforge-error button{position:absolute;top:.6rem;right:.9rem;border:0;background:none;font-size:1.5rem;line-height:1;color:#b71c1c;cursor:pointer}
@media print{#ismsforge-error{display:none}}
</style>
<button type="button" onclick="this.parentNode.remove()" aria-label="Hide the error">&times;</button>
<h2>The last rebuild failed</h2>
{{- range .Diags}}
<div class="diag">
<p><code>{{.Pos}}</code>: {{.Message}}</p>
{{- if .Lines}}
<pre>{{range .Lines}}<span{{if .At}} class="at"{{end}}>{{.Num}} | {{.Text}}</span>
{{if .Caret}}<span class="caret">{{.Caret}}</span>
{{end}}{{end}}</pre>
{{- end}}
{{- with .Hint}}
<p>hint: {{.}}</p>
{{- end}}
</div>
{{- end}}
{{- with .Other}}
<pre>{{.}}</pre>
{{- end}}
<p class="note">The page underneath is the last good build. Fix the file and save; this page reloads by itself.</p>
</div>
`))

type overlayData struct {
	Diags []overlayDiag
	Other string
}

type overlayDiag struct {
	Pos, Message, Hint string
	Lines              []overlayLine
}

type overlayLine struct {
	Num, Text string
	At        bool
	// Caret is the line under the offending one, with its caret.
	Caret string
}

// renderOverlay renders the error box for err: each diagnostic with its
// position, the source around it, a caret and the hint, as the terminal
// shows them; any other error as its text.
func renderOverlay(err error) []byte {
	var data overlayData
	var list diag.List
	if other := list.Collect(err); other != nil {
		data.Other = other.Error()
	}
	list = list.Errors()
	list.Sort()
	for _, d := range list {
		data.Diags = append(data.Diags, viewDiag(d))
	}
	var b bytes.Buffer
	if err := overlay.Execute(&b, data); err != nil {
		// The template is fixed and its data plain strings.
		panic(err)
	}
	return b.Bytes()
}

func viewDiag(d *diag.Diagnostic) overlayDiag {
	v := overlayDiag{Pos: d.Pos.String(), Message: d.Message, Hint: d.Hint}
	ex := d.Excerpt
	if ex == nil {
		return v
	}
	width := len(fmt.Sprint(ex.FirstLine + len(ex.Lines) - 1))
	for i, line := range ex.Lines {
		n := ex.FirstLine + i
		l := overlayLine{Num: fmt.Sprintf("%*d", width, n), Text: diag.ExpandTabs(line), At: n == d.Pos.Line}
		if l.At && d.Pos.Col > 0 {
			l.Caret = strings.Repeat(" ", width) + " | " + diag.CaretPad(line, d.Pos.Col) + "^"
		}
		v.Lines = append(v.Lines, l)
	}
	return v
}
