package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/watch"
)

// Run serves the project's output on ln while watch.Watch rebuilds it,
// until ctx is done. Every rebuild reaches o.Report first, then the open
// pages.
func Run(ctx context.Context, ln net.Listener, o watch.Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := New(engine.NewBuilder(o.Build).Out(), Options{LocalOnly: isLoopbackAddr(ln.Addr())})
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() {
		served <- srv.Serve(ln)
		cancel() // without the server, stop watching too
	}()

	report := o.Report
	o.Report = func(out watch.Outcome) {
		if report != nil {
			report(out)
		}
		s.Update(out.Err, out.Wrote())
	}
	err := watch.Watch(ctx, o)

	s.Close() // end the event streams, which Shutdown would wait for
	stop, cancelStop := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelStop()
	shutErr := srv.Shutdown(stop)
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	if err != nil {
		return err
	}
	return shutErr
}

// isLoopbackAddr reports whether a listener is reachable from this machine
// only.
func isLoopbackAddr(a net.Addr) bool {
	t, ok := a.(*net.TCPAddr)
	return ok && t.IP.IsLoopback()
}
