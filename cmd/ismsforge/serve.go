package main

import (
	"fmt"
	"net"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/ismsforge/ismsforge/engine/serve"
)

func newServeCmd() *cobra.Command {
	var out, addr string
	var port int
	var noPDF, strict bool
	cmd := &cobra.Command{
		Use:   "serve [DIR]",
		Short: "Watch the project and serve its site and PDFs on localhost, with live reload",
		Long: `serve does what watch does and serves the HTML site and the PDFs at
http://127.0.0.1:PORT/. An open page reloads itself after every rebuild. When a
rebuild fails, every page shows the error, with its file, line and source,
over the last good content, until the file is fixed.

serve listens on 127.0.0.1 only. --addr picks another address; the documents
are then readable by anyone who can reach it.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := watchOptions(cmd, args, out, noPDF, strict)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", net.JoinHostPort(addr, strconv.Itoa(port)))
			if err != nil {
				return &usageError{fmt.Errorf("cannot listen on %s port %d: %w; pick another with --port", addr, port, err)}
			}
			url := "http://" + ln.Addr().String() + "/"
			if a, ok := ln.Addr().(*net.TCPAddr); !ok || !a.IP.IsLoopback() {
				fmt.Fprintf(cmd.ErrOrStderr(), "ismsforge: serving on %s, not on loopback: anyone who can reach it can read the documents\n", addr)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "serving %s\n", url)
			return stopped(cmd, serve.Run(cmd.Context(), ln, o))
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "output directory (default DIR/out)")
	cmd.Flags().IntVarP(&port, "port", "p", 27001, "port to listen on (0 picks a free one)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1", "address to listen on")
	cmd.Flags().BoolVar(&noPDF, "no-pdf", false, "skip the PDFs, for a quicker HTML preview")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat the check's warnings as errors")
	return cmd
}
