package main

import (
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine/bundle"
)

func newVerifyCmd() *cobra.Command {
	var keyFile string
	cmd := &cobra.Command{
		Use:   "verify BUNDLE.zip [--key PUBLIC.pem]",
		Short: "Check every hash (and the signature) of a released bundle",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return &usageError{err}
			}
			var pub ed25519.PublicKey
			if keyFile != "" {
				if pub, err = bundle.LoadPublicKey(keyFile); err != nil {
					return err
				}
			}
			rep, err := bundle.Verify(data, pub)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			m := rep.Manifest.Pack
			fmt.Fprintf(w, "%s: %s ISMS pack %s of %s\n", filepath.Base(args[0]), m.Organization, m.Version, m.Date)
			for _, c := range rep.Checks {
				fmt.Fprintf(w, "  ok  %s\n", c)
			}
			switch {
			case rep.SignatureValid:
				fmt.Fprintf(w, "verified: %d files, signature valid (key %s)\n", rep.Files, rep.KeyID)
			case rep.Signed:
				fmt.Fprintf(w, "verified: %d files; the bundle is signed but no --key was given to check the signature\n", rep.Files)
			default:
				fmt.Fprintf(w, "verified: %d files (unsigned)\n", rep.Files)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&keyFile, "key", "", "Ed25519 public key (PEM) that must have signed the manifest")
	return cmd
}

func newKeygenCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "keygen NAME",
		Short: "Create an Ed25519 key pair for signing releases: NAME.pem (keep secret) and NAME.pub.pem",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			priv, pub, err := bundle.GenerateKey(nil)
			if err != nil {
				return err
			}
			for _, f := range []struct {
				path string
				data []byte
				mode os.FileMode
			}{{args[0] + ".pem", priv, 0o600}, {args[0] + ".pub.pem", pub, 0o644}} {
				out, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.mode)
				if err != nil {
					return &usageError{fmt.Errorf("%v (keygen never overwrites a key)", err)}
				}
				if _, err := out.Write(f.data); err != nil {
					out.Close()
					return err
				}
				if err := out.Close(); err != nil {
					return err
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s.pem (private: keep it out of git) and %s.pub.pem (give it to your auditor)\n", args[0], args[0])
			return nil
		},
	}
}
