// Package pdf renders documents and the combined pack as PDF with gopdf,
// inside the binary and without external programs.
//
// Rendering is three pure steps. The goldmark AST of a document becomes a
// small block model (build.go); the blocks are laid out into positioned
// boxes on pages (layout.go, flow.go, inline.go, table.go, furniture.go);
// the boxes are painted with gopdf page by page (paint.go). Whatever gopdf
// cannot write correctly (outlines, named destinations, link actions to
// other files, the document information) is appended as a PDF incremental
// update that does not depend on gopdf's internals (update.go).
//
// Layout tests compare boxes as JSON golden files, never PDF bytes.
//
// Files, one concern each: style.go (the theme), fonts.go (faces and exact
// measurement), model.go and build.go (the block model), inline.go (line
// breaking), flow.go (pagination), layout.go (blocks to boxes), table.go
// (automatic table layout), furniture.go (title, control block, header,
// footer, draft band), pack.go (cover and contents), paint.go (gopdf),
// update.go (outline, destinations, links, metadata), output.go and
// render.go (the entry points).
package pdf
