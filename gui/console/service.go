package console

import (
	"bytes"
	"context"
	"errors"
	"time"

	"zoomconn/auth/access"
)

// maxMergedBody bounds the merged pages the console keeps of a paginated
// call; beyond it, zoomconn api --paginate streams them instead.
const maxMergedBody = 64 << 20

// serviceAPI is the console's caller in the app: the core's API call
// (access.Service.API), with its token handling, retries, scope doctor and
// pagination.
type serviceAPI struct{ svc *access.Service }

// Call makes the request with the connection's token.
func (s serviceAPI) Call(ctx context.Context, name string, r Request) (*Response, error) {
	var merged cappedBuffer
	opts := access.APIOptions{Paginate: r.Paginate, OnNotice: r.Notice, OnPage: r.OnPage}
	if r.Paginate {
		opts.Output = &merged
	}
	t0 := time.Now()
	resp, err := s.svc.API(ctx, name, r.Request, opts)
	if resp == nil {
		return nil, err
	}
	if r.Paginate && resp.Body == nil {
		resp.Body = merged.Bytes()
		resp.Duration = time.Since(t0) // every page
	}
	return resp, err
}

var errMergedTooBig = errors.New("The merged pages are larger than the console keeps (64 MiB): use zoomconn api --paginate, which streams them.")

// cappedBuffer keeps up to maxMergedBody bytes and refuses more.
type cappedBuffer struct{ bytes.Buffer }

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxMergedBody {
		return 0, errMergedTooBig
	}
	return b.Buffer.Write(p)
}

// callerNow is the caller for a call starting now: the one New was given,
// else the core's API call on the session's current service. UI goroutine
// only.
func (e *consoleEnv) callerNow() Caller {
	switch {
	case e.caller != nil:
		return e.caller
	case e.Session.Service() == nil:
		return noAPI{}
	}
	return serviceAPI{svc: e.Session.Service()}
}
