package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// rawPNG writes a PNG by hand, so that the tests cover every colour type,
// bit depth and interlacing the format allows, not only what Go's encoder
// writes. px gives the colour of each pixel as 16-bit RGBA (straight
// alpha); palette images take their palette from the first colours met.
func rawPNG(w, h int, ct, depth byte, interlace bool, trns bool, px func(x, y int) color.NRGBA64) []byte {
	var palette []color.NRGBA64
	index := func(c color.NRGBA64) int {
		for i, p := range palette {
			if p == c {
				return i
			}
		}
		palette = append(palette, c)
		return len(palette) - 1
	}
	for y := range h {
		for x := range w {
			index(px(x, y))
		}
	}
	channels := map[byte]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ct]
	scale := func(v uint16) uint32 { // 16-bit sample to depth bits
		return uint32(v) >> (16 - uint(depth))
	}
	samples := func(c color.NRGBA64) []uint32 {
		gray := uint16((uint32(c.R)*299 + uint32(c.G)*587 + uint32(c.B)*114) / 1000)
		switch ct {
		case 0:
			return []uint32{scale(gray)}
		case 2:
			return []uint32{scale(c.R), scale(c.G), scale(c.B)}
		case 3:
			return []uint32{uint32(index(c))}
		case 4:
			return []uint32{scale(gray), scale(c.A)}
		}
		return []uint32{scale(c.R), scale(c.G), scale(c.B), scale(c.A)}
	}
	row := func(xs []int, y int) []byte {
		bits := len(xs) * channels * int(depth)
		out := make([]byte, 1+(bits+7)/8) // filter type 0
		bit := 0
		for _, x := range xs {
			for _, s := range samples(px(x, y)) {
				for b := int(depth) - 1; b >= 0; b-- {
					if s>>uint(b)&1 == 1 {
						out[1+bit/8] |= 0x80 >> uint(bit%8)
					}
					bit++
				}
			}
		}
		return out
	}
	var raw []byte
	type pass struct{ x0, y0, dx, dy int }
	passes := []pass{{0, 0, 1, 1}}
	if interlace {
		passes = []pass{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	}
	for _, p := range passes {
		var xs []int
		for x := p.x0; x < w; x += p.dx {
			xs = append(xs, x)
		}
		if len(xs) == 0 {
			continue
		}
		for y := p.y0; y < h; y += p.dy {
			raw = append(raw, row(xs, y)...)
		}
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw)
	zw.Close()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		out.WriteString(typ)
		out.Write(data)
		binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, ct
	if interlace {
		ihdr[12] = 1
	}
	chunk("IHDR", ihdr)
	if ct == 3 {
		var plte, alpha []byte
		for _, c := range palette {
			plte = append(plte, byte(c.R>>8), byte(c.G>>8), byte(c.B>>8))
			alpha = append(alpha, byte(c.A>>8))
		}
		chunk("PLTE", plte)
		if trns {
			chunk("tRNS", alpha)
		}
	} else if trns && (ct == 0 || ct == 2) {
		// Colour key: the first pixel's colour is transparent.
		key := samples(px(0, 0))
		var b []byte
		for _, s := range key {
			b = binary.BigEndian.AppendUint16(b, uint16(s))
		}
		chunk("tRNS", b)
	}
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// twoTone is a 16 × 8 image: a dark blue left half, an orange right half,
// with an alpha that the variants with transparency use.
func twoTone(alpha bool) func(x, y int) color.NRGBA64 {
	return func(x, y int) color.NRGBA64 {
		a := uint16(0xffff)
		if alpha && y >= 4 {
			a = 0x8080
		}
		if x < 8 {
			return color.NRGBA64{0x0b0b, 0x3d3d, 0x6262, a}
		}
		return color.NRGBA64{0xf0f0, 0x8080, 0x1010, a}
	}
}

type imageVariant struct {
	name string
	data []byte
}

func imageVariants(t testing.TB) []imageVariant {
	var vs []imageVariant
	for _, ct := range []byte{0, 2, 3, 4, 6} {
		depths := map[byte][]byte{0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}[ct]
		for _, d := range depths {
			for _, il := range []bool{false, true} {
				for _, tr := range []bool{false, true} {
					if tr && (ct == 4 || ct == 6) {
						continue // these carry alpha already
					}
					alpha := ct == 4 || ct == 6 || tr && ct == 3 && d > 1
					name := fmt.Sprintf("png-ct%d-%dbit", ct, d)
					if il {
						name += "-interlaced"
					}
					if tr {
						name += "-trns"
					}
					vs = append(vs, imageVariant{name, rawPNG(16, 8, ct, d, il, tr, twoTone(alpha))})
				}
			}
		}
	}
	for _, gray := range []bool{false, true} {
		var img image.Image
		if gray {
			g := image.NewGray(image.Rect(0, 0, 16, 8))
			for x := 8; x < 16; x++ {
				for y := range 8 {
					g.SetGray(x, y, color.Gray{200})
				}
			}
			img = g
		} else {
			c := image.NewCMYK(image.Rect(0, 0, 16, 8))
			for x := range 16 {
				for y := range 8 {
					c.SetCMYK(x, y, color.CMYK{C: 200, M: 100, Y: 0, K: uint8(x * 10)})
				}
			}
			img = c
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
			t.Fatal(err)
		}
		name := "jpeg-cmyk"
		if gray {
			name = "jpeg-gray"
		}
		vs = append(vs, imageVariant{name, b.Bytes()})
	}
	return vs
}

// TestEveryImageVariantRenders: PNGs of every colour type, bit depth and
// interlacing, with and without transparency, and JPEGs, are drawn; the
// 16-bit PNG that used to fail the PDF stage with an internal error among
// them. What gopdf cannot embed as it is gets re-encoded with the same
// pixels.
func TestEveryImageVariantRenders(t *testing.T) {
	p := testPack(t)
	for _, v := range imageVariants(t) {
		t.Run(v.name, func(t *testing.T) {
			orig, _, err := image.Decode(bytes.NewReader(v.data))
			if err != nil {
				t.Fatalf("the fixture does not decode: %v", err)
			}
			info, err := normalizeImage(v.data)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(info.data, v.data) {
				if !pngPassesThrough(info.data) {
					t.Fatal("the re-encoded image is still not one gopdf embeds as it is")
				}
				got, _, err := image.Decode(bytes.NewReader(info.data))
				if err != nil {
					t.Fatal(err)
				}
				if !samePixels(orig, got) {
					t.Fatal("re-encoding changed the pixels")
				}
			}
			o := testOptions()
			o.Image = func(string) ([]byte, error) { return v.data, nil }
			d := smallDoc("img", "I-1", "Image", "# Figure\n\n![A two-tone test figure](figure.png)\n")
			if _, err := Document(d, p, o); err != nil {
				t.Fatalf("render: %v", err)
			}
		})
	}
}

// samePixels compares two images at 8 bits per channel, alpha applied.
func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca, cb := nrgba8(a.At(x, y)), nrgba8(b.At(x, y))
			d := func(p, q uint8) bool { return int(p) > int(q)+1 || int(q) > int(p)+1 }
			if d(ca.A, cb.A) || ca.A > 0 && (d(ca.R, cb.R) || d(ca.G, cb.G) || d(ca.B, cb.B)) {
				return false
			}
		}
	}
	return true
}

// nrgba8 is a colour with straight alpha at 8 bits, without going through
// premultiplied 8-bit values.
func nrgba8(c color.Color) color.NRGBA {
	n := color.NRGBA64Model.Convert(c).(color.NRGBA64)
	return color.NRGBA{uint8(n.R >> 8), uint8(n.G >> 8), uint8(n.B >> 8), uint8(n.A >> 8)}
}

// TestSixteenBitLogo: a 16-bit PNG logo no longer fails the pack.
func TestSixteenBitLogo(t *testing.T) {
	p := testPack(t)
	p.Logo = rawPNG(64, 32, 6, 16, false, false, twoTone(true))
	if _, err := Pack(p, testOptions()); err != nil {
		t.Fatal(err)
	}
}

// TestImagesLookRight rasterizes a page of every variant with pdftoppm
// and checks the colour in the middle of each half of each figure.
func TestImagesLookRight(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed")
	}
	var src strings.Builder
	vs := imageVariants(t)
	byName := map[string][]byte{}
	var order []image.Image // decoded fixtures, in the order drawn
	for _, v := range vs {
		if strings.HasPrefix(v.name, "jpeg-cmyk") {
			continue // its colours depend on the CMYK conversion
		}
		fmt.Fprintf(&src, "![%s](%s)\n\n", v.name, v.name)
		byName[v.name] = v.data
		img, _, err := image.Decode(bytes.NewReader(v.data))
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, img)
	}
	o := testOptions()
	o.Image = func(dest string) ([]byte, error) { return byName[dest], nil }
	d := smallDoc("imgs", "I-2", "Images", src.String())
	l, err := LayoutDocument(d, testPack(t), o)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := Document(d, testPack(t), o)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "imgs.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "72", "-png", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if len(pages) != len(l.Pages) {
		t.Fatalf("%d rasterized pages, %d laid out", len(pages), len(l.Pages))
	}
	n := 0
	for pi, pg := range l.Pages {
		f, err := os.Open(pages[pi])
		if err != nil {
			t.Fatal(err)
		}
		raster, _, err := image.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range pg.Boxes {
			if b.Kind != KindImage {
				continue
			}
			n++
			want := order[b.Image]
			for _, fx := range []float64{0.25, 0.75} {
				// The opaque top half, over the white page.
				wb := want.Bounds()
				c := nrgba8(want.At(int(float64(wb.Dx())*fx), wb.Dy()/4))
				over := func(v uint8) uint8 { return uint8((int(v)*int(c.A) + 255*(255-int(c.A))) / 255) }
				exp := color.NRGBA{over(c.R), over(c.G), over(c.B), 255}
				x, y := int(b.X+b.W*fx), int(b.Y+b.H*0.25)
				got := nrgba8(raster.At(x, y))
				if far(got, exp, 24) {
					t.Errorf("page %d image %d: colour %v at %d,%d, want about %v", pi+1, b.Image, got, x, y, exp)
				}
			}
		}
	}
	if n < len(byName) {
		t.Fatalf("checked %d images of %d", n, len(byName))
	}
}

func far(a, b color.NRGBA, tol int) bool {
	d := func(p, q uint8) bool { return int(p)-int(q) > tol || int(q)-int(p) > tol }
	return d(a.R, b.R) || d(a.G, b.G) || d(a.B, b.B)
}
