package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// result gathers one tool's rounds.
type result struct {
	tool *tool
	// rounds are the wall times of the whole set, one per round.
	rounds []time.Duration
	// perDoc are the times of every successful invocation.
	perDoc []time.Duration
	// rssKB is the largest peak resident set of any one process the tool
	// ran (as getrusage reports it for a waited-for child and its own
	// waited-for children).
	rssKB int64
	// cpu are the CPU times (user and system, the tool's processes and
	// the children they waited for) of the whole set, one per round.
	cpu []time.Duration
	// docs is the number of invocations in one round.
	docs int
	// failed counts the failures of each document over all rounds.
	failed map[string]*failure
}

type failure struct {
	count int
	// msg is the gist of the first failure; log is its full output.
	msg string
	log string
}

// outcome is one finished invocation.
type outcome struct {
	job   job
	took  time.Duration
	cpu   time.Duration
	rssKB int64
	err   error
	out   []byte
}

// order is the tool order of round r: the list rotated by r, so that each
// tool takes each position in turn and machine noise (a warming cache, a
// neighbour's burst) is spread over all of them.
func order(n, r int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = (i + r) % n
	}
	return idx
}

// measure runs every tool once per round over the whole pack, each into a
// fresh directory.
func measure(ctx context.Context, cfg config, pk *pack, tools []*tool, work string, log io.Writer) ([]*result, error) {
	results := make([]*result, len(tools))
	for i, t := range tools {
		results[i] = &result{tool: t, failed: map[string]*failure{}}
	}
	logs := failureLogDir(cfg, work)
	for r := range cfg.rounds {
		for _, i := range order(len(tools), r) {
			t, res := tools[i], results[i]
			dir := filepath.Join(work, "runs", fmt.Sprintf("round%d", r+1), t.id)
			jobs := t.jobs(pk, dir)
			if err := makeDirs(dir, jobs); err != nil {
				return nil, err
			}
			workers := cfg.jobs
			if t.input == inputProject {
				workers = 1 // ismsforge parallelises inside, on GOMAXPROCS=jobs
			}
			wall, outs := runSet(ctx, jobs, workers, cfg.timeout, t.env)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			fails := res.add(wall, outs, logs, t.id)
			fmt.Fprintf(log, "round %d/%d  %-45s %8.2fs", r+1, cfg.rounds, t.name, wall.Seconds())
			if fails > 0 {
				fmt.Fprintf(log, "  %d of %d failed", fails, len(jobs))
			}
			fmt.Fprintln(log)
			if !cfg.keep {
				os.RemoveAll(dir)
			}
		}
	}
	return results, nil
}

// makeDirs creates the round's output directory and each invocation's
// scratch directory, before the clock starts.
func makeDirs(dir string, jobs []job) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, j := range jobs {
		if j.scratch != "" {
			if err := os.MkdirAll(j.scratch, 0o755); err != nil {
				return err
			}
		}
	}
	return nil
}

// runSet runs jobs on workers at a time and returns the wall time of the
// whole set.
func runSet(ctx context.Context, jobs []job, workers int, timeout time.Duration, env []string) (time.Duration, []outcome) {
	outs := make([]outcome, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i] = runOne(ctx, jobs[i], timeout, env)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return time.Since(start), outs
}

// runOne runs one invocation in its own process group, so that a timeout
// or a browser's leftover helpers can be killed whole.
func runOne(ctx context.Context, j job, timeout time.Duration, env []string) outcome {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var buf bytes.Buffer
	cmd := exec.CommandContext(ctx, j.argv[0], j.argv[1:]...)
	cmd.Stdout = &limited{w: &buf, n: 256 << 10}
	cmd.Stderr = cmd.Stdout
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 5 * time.Second
	ownGroup(cmd)

	start := time.Now()
	err := cmd.Run()
	o := outcome{job: j, took: time.Since(start), out: buf.Bytes()}
	if cmd.Process != nil {
		killGroup(cmd.Process.Pid)
	}
	if cmd.ProcessState != nil {
		o.rssKB = maxRSSKB(cmd.ProcessState)
		o.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		o.err = fmt.Errorf("timed out after %s", timeout)
	case err != nil:
		o.err = err
	default:
		o.err = checkOutput(j.out)
	}
	return o
}

// checkOutput catches a tool that exits 0 without writing anything.
func checkOutput(path string) error {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return errors.New("exited 0 but wrote no output")
	case !info.IsDir() && info.Size() == 0:
		return errors.New("exited 0 but wrote an empty file")
	}
	return nil
}

// add records a round and returns how many invocations failed in it.
func (r *result) add(wall time.Duration, outs []outcome, logs, id string) int {
	r.rounds = append(r.rounds, wall)
	r.docs = len(outs)
	fails := 0
	var cpu time.Duration
	for _, o := range outs {
		r.rssKB = max(r.rssKB, o.rssKB)
		cpu += o.cpu
		if o.err == nil {
			r.perDoc = append(r.perDoc, o.took)
			continue
		}
		fails++
		f := r.failed[o.job.doc]
		if f == nil {
			f = &failure{msg: gist(o.err, o.out)}
			if logs != "" {
				f.log = filepath.Join(logs, id+"-"+strings.Trim(o.job.doc, "()")+".log")
				writeLog(f.log, o)
			}
			r.failed[o.job.doc] = f
		}
		f.count++
	}
	r.cpu = append(r.cpu, cpu)
	return fails
}

// gist picks the line of a failure's output most likely to name its cause:
// TeX's "!" error line, else the last line.
func gist(err error, out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	msg := ""
	for _, l := range lines {
		if strings.HasPrefix(l, "! ") {
			msg = l
			break
		}
	}
	if msg == "" && len(lines) > 0 {
		msg = lines[len(lines)-1]
	}
	msg = strings.TrimSpace(msg)
	if len(msg) > 160 {
		msg = msg[:160] + "…"
	}
	if msg == "" {
		return err.Error()
	}
	return err.Error() + ": " + msg
}

func writeLog(path string, o outcome) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	text := fmt.Sprintf("$ %s\n%s\n%v\n", strings.Join(o.job.argv, " "), o.out, o.err)
	os.WriteFile(path, []byte(text), 0o644)
}

// failureLogDir is where full failure logs go: only with -keep, since the
// work directory is removed otherwise.
func failureLogDir(cfg config, work string) string {
	if !cfg.keep {
		return ""
	}
	return filepath.Join(work, "failures")
}

// limited writes at most n bytes to w and drops the rest, so a chatty
// tool cannot fill memory.
type limited struct {
	w io.Writer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	k := min(len(p), l.n)
	if k > 0 {
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
