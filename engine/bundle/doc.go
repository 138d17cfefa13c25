// Package bundle makes, signs and verifies the zip that a user hands to an
// auditor: releases/<pack-version>/<org-slug>-isms-<pack-version>.zip.
//
// The engine decides what goes in; this package decides how it is stored, so
// that the same entries always give the same bytes and so that Verify notices
// any change to the file, down to a single bit.
//
// # Format
//
// A bundle is a plain zip (no zip64) that any unzip tool reads. Its form is
// canonical, which is what lets Verify compare it byte for byte:
//
//   - Entries are sorted by name, compared as bytes. There are no directory
//     entries: directories are implied by the file paths.
//   - Every entry is deflated (method 8) by compress/flate at level 9, with
//     CRC-32 and sizes in the local header and no data descriptor.
//   - Every entry has the same DOS modification time: the pack's release date
//     at 00:00:00, which manifest.json records as pack.date. No entry has
//     extra fields, so no other time (and no uid or gid) is stored.
//   - Every entry is a regular file with mode 0644, made by "Unix" (3), zip
//     version 2.0. Flag bit 11 (UTF-8) is set exactly when the name is not
//     ASCII.
//   - The central directory follows the last entry; the end record follows
//     it, with no comment and nothing after it.
//
// manifest.json lists every other entry with its SHA-256 and size, in the
// shape of [pack.Manifest]. With a signing key, manifest.json.sig holds the
// raw 64-byte Ed25519 signature of manifest.json's exact bytes. An auditor
// can check it without ismsforge:
//
//	unzip bundle.zip manifest.json manifest.json.sig
//	openssl pkeyutl -verify -pubin -inkey isms-signing.pub.pem -rawin \
//	    -in manifest.json -sigfile manifest.json.sig
//	sha256sum -c <(jq -r '.files[] | "\(.sha256)  \(.path)"' manifest.json)
//
// # Reproducibility
//
// The compressed bytes come from compress/flate, so two runs of the same
// ismsforge binary give identical zips on any machine. A Go release that
// changes compress/flate's output would change the bytes of a rebuilt zip
// (TestGolden catches that), but not whether an existing zip verifies:
// Verify never re-compresses, it checks the deflate streams as they are.
package bundle
