package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// gopdf embeds PNG and JPEG data nearly as it is, which is fast and keeps
// photographs small, but it reads only part of PNG: no 16-bit samples, no
// interlacing, and a palette's transparency taken for a colour key. It
// also embeds an Adobe CMYK JPEG without the inverted decode such files
// need. normalizeImage passes what gopdf reads correctly through untouched
// and decodes anything else with Go's decoders, which read every PNG and
// baseline or progressive JPEG, re-encoding it as an 8-bit PNG: the pixels
// are the same, and the encoding is deterministic.

// imageInfo is what the layout needs to know of an image.
type imageInfo struct {
	data []byte // PNG or JPEG that gopdf embeds correctly
	w, h int    // pixels
}

// normalizeImage checks data and returns it in a form gopdf embeds
// correctly. The error is for the user: the file is not an image ismsforge
// can draw.
func normalizeImage(data []byte) (imageInfo, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case err != nil:
		return imageInfo{}, errors.New("not a PNG or JPEG image")
	case format != "png" && format != "jpeg":
		return imageInfo{}, fmt.Errorf("%s images are not supported, only PNG and JPEG", format)
	case cfg.Width <= 0 || cfg.Height <= 0:
		return imageInfo{}, errors.New("the image has no pixels")
	case cfg.Width > 1<<14 || cfg.Height > 1<<14:
		return imageInfo{}, fmt.Errorf("the image is %d × %d pixels; at most 16384 on a side", cfg.Width, cfg.Height)
	}
	info := imageInfo{data: data, w: cfg.Width, h: cfg.Height}
	if format == "jpeg" {
		if cfg.ColorModel == color.YCbCrModel || cfg.ColorModel == color.GrayModel {
			return info, nil
		}
	} else if pngPassesThrough(data) {
		return info, nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return imageInfo{}, fmt.Errorf("cannot decode the %s image: %v", format, err)
	}
	out, err := encodePNG8(img)
	if err != nil {
		return imageInfo{}, err
	}
	info.data = out
	return info, nil
}

// CheckImage reports why data is not an image the PDF can show (not PNG or
// JPEG, no pixels, undecodable), so that a stage that knows where the file
// was named can say so at that line.
func CheckImage(data []byte) error {
	_, err := normalizeImage(data)
	return err
}

// pngPassesThrough reports whether gopdf embeds this PNG correctly as it
// is: samples of at most 8 bits, no interlacing, and no tRNS chunk (which
// gopdf turns into a colour-key mask, wrong for a palette's alpha).
func pngPassesThrough(data []byte) bool {
	const sig = "\x89PNG\r\n\x1a\n"
	if len(data) < 33 || string(data[:8]) != sig || string(data[12:16]) != "IHDR" {
		return false
	}
	depth, ct, interlace := data[24], data[25], data[28]
	if depth > 8 || interlace != 0 {
		return false
	}
	switch ct {
	case 0, 2, 3, 4, 6:
	default:
		return false
	}
	// Walk the chunks up to the image data, looking for tRNS.
	for at := 8; at+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[at:]))
		typ := string(data[at+4 : at+8])
		switch typ {
		case "tRNS":
			return false
		case "IDAT", "IEND":
			return true
		}
		if n < 0 || at+12+n > len(data) {
			return false
		}
		at += 12 + n
	}
	return false
}

// encodePNG8 writes img as an 8-bit PNG: gray when it is gray and opaque,
// RGB when opaque (Go's encoder drops an opaque alpha), RGBA otherwise.
func encodePNG8(img image.Image) ([]byte, error) {
	b := img.Bounds()
	opaque, gray := true, true
	for y := b.Min.Y; y < b.Max.Y && (opaque || gray); y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBA64Model.Convert(img.At(x, y)).(color.NRGBA64)
			if c.A != 0xffff {
				opaque = false
			}
			if c.R != c.G || c.G != c.B {
				gray = false
			}
		}
	}
	var dst image.Image
	switch {
	case opaque && gray:
		g := image.NewGray(b)
		draw.Draw(g, b, img, b.Min, draw.Src)
		dst = g
	default:
		// Straight alpha, converted at 16 bits: going through Go's
		// premultiplied colours would shift the colour of translucent
		// pixels.
		n := image.NewNRGBA(b)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := color.NRGBA64Model.Convert(img.At(x, y)).(color.NRGBA64)
				n.SetNRGBA(x, y, color.NRGBA{uint8(c.R >> 8), uint8(c.G >> 8), uint8(c.B >> 8), uint8(c.A >> 8)})
			}
		}
		dst = n
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, dst); err != nil {
		return nil, fmt.Errorf("re-encode the image: %v", err)
	}
	return buf.Bytes(), nil
}
