;;; probe.el --- headless Emacs + eglot end-to-end test of the language server  -*- lexical-binding: t -*-
;;
;; Drives the server the way a user does: the file opens in its major mode, eglot manages it,
;; flymake shows the diagnostics, `M-x eglot-code-actions' with the default (preferred) choice,
;; the hover eldoc shows, `save-buffer'.  Emacs 28 + Debian's elpa-eglot (1.9) and elpa-yaml-mode.
;;
;; Usage (test/editors/run.sh sets all of this):
;;   PROBE_SERVER=dist/server.js PROBE_LINE=6 PROBE_COL=9 PROBE_CODE=missing-relabel \
;;   PROBE_MODE=yaml-mode PROBE_HOVER='container_t|Permission denied' PROBE_HOVER_AFTER=container_file_t \
;;   emacs --batch -q -l test/editors/emacs/probe.el /tmp/x/docker-compose.yml
;; (`-q', not `-Q': -Q skips site-start, and Debian's elpa packages are not found.)
;;
;; PROBE_LINE/PROBE_COL: 1-based start of the expected diagnostic (as the CLI prints it).
;; PROBE_MODE: the major mode the file must open in; our server is registered for it.
;; PROBE_HOVER: `|'-separated substrings, one of which the hover at the diagnostic must contain.
;; PROBE_HOVER_AFTER (optional): the same for the hover on the last character the fix inserted.
;; PROBE_TIMEOUT (seconds, default 30): safety net; every wait ends at its event.
;; Exits 0 when every check passed; otherwise prints `FAIL: <step>: <reason>' and exits non-zero.

(require 'cl-lib)
(require 'subr-x)
(require 'package)
(package-initialize)                    ; Debian's elpa-* live in /usr/share/emacs/site-lisp/elpa
(require 'eglot)
(require 'yaml-mode)

(defvar probe-t0 (float-time))
(defvar probe-step "start")
(defvar probe-done nil)

(defun probe-log (fmt &rest args)
  (princ (format "[%5d ms] %s\n" (round (* 1000 (- (float-time) probe-t0))) (apply #'format fmt args))))

(defun probe-fail (fmt &rest args)
  (unless probe-done
    (setq probe-done t)
    (princ (format "FAIL: %s: %s\n" probe-step (apply #'format fmt args)))
    (kill-emacs 1)))

(defun probe-env (name &optional default)
  (let ((v (getenv name)))
    (if (and v (not (string-empty-p v))) v
      (or default (let ((probe-step "setup")) (probe-fail "%s is not set" name))))))

(defvar probe-server (expand-file-name (probe-env "PROBE_SERVER")))
(defvar probe-line (string-to-number (probe-env "PROBE_LINE")))
(defvar probe-col (string-to-number (probe-env "PROBE_COL")))
(defvar probe-code (probe-env "PROBE_CODE"))
(defvar probe-mode (intern (probe-env "PROBE_MODE")))
(defvar probe-hover (split-string (probe-env "PROBE_HOVER") "|"))
(defvar probe-hover-after (let ((v (probe-env "PROBE_HOVER_AFTER" ""))) (and (not (string-empty-p v)) (split-string v "|"))))
(defvar probe-timeout (string-to-number (probe-env "PROBE_TIMEOUT" "30")))
(defvar probe-file (expand-file-name (or (car command-line-args-left) (probe-fail "no file given"))))
(setq command-line-args-left nil)

;; Our server for the file's major mode, ahead of any built-in entry.
(push `(,probe-mode . ("node" ,probe-server "--stdio")) eglot-server-programs)
(setq eglot-sync-connect probe-timeout eglot-connect-timeout probe-timeout)

;; Every publishDiagnostics as the server sent it, newest first: (URI . DIAGNOSTICS).
(defvar probe-publishes nil)
(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (push (cons uri diagnostics) probe-publishes))

;; Safety net: never hang CI (timers run while we wait for process output).
(run-at-time probe-timeout nil
             (lambda () (probe-fail "timed out after %s s; last diagnostics: %s" probe-timeout
                                    (probe-describe (cdar probe-publishes)))))

(defun probe-describe (diags)
  (if (seq-empty-p diags) "(none)"
    (mapconcat (lambda (d) (let ((start (plist-get (plist-get d :range) :start)))
                             (format "%s@%d:%d" (plist-get d :code)
                                     (1+ (plist-get start :line)) (1+ (plist-get start :character)))))
               diags ", ")))

(defun probe-wait (what pred)
  "Process events until PRED returns non-nil (the safety timer ends a hang)."
  (setq probe-step what)
  (let (result)
    (while (not (setq result (funcall pred)))
      (accept-process-output nil 0.05))
    result))

(defun probe-expected-p (d)
  (let ((start (plist-get (plist-get d :range) :start)))
    (and (equal (plist-get d :code) probe-code)
         (= (plist-get start :line) (1- probe-line))
         (= (plist-get start :character) (1- probe-col)))))

(defun probe-uri-is-ours (uri)
  (equal (file-truename (eglot--uri-to-path uri)) (file-truename probe-file)))

(defun probe-hover-text ()
  "What eldoc shows for the hover at point (eglot's own rendering)."
  (let ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                (eglot--TextDocumentPositionParams) :deferred :textDocument/hover)))
    (if (and hover (plist-get hover :contents))
        (substring-no-properties (eglot--hover-info (plist-get hover :contents) (plist-get hover :range)))
      "")))

(defun probe-check-hover (needles where)
  (let* ((text (probe-hover-text))
         (hit (cl-find-if (lambda (n) (string-search n text)) needles)))
    (unless hit (probe-fail "hover at %s lacks %s; got: %s" where (string-join needles " or ")
                            (truncate-string-to-width (replace-regexp-in-string "\n" " / " text) 300 nil nil "...")))
    (probe-log "hover at %s mentions %S (%d chars)" where hit (length text))))

(defun probe-goto (line col)
  (goto-char (eglot--lsp-position-to-point (list :line line :character col))))

(condition-case err
    (let ((buf (find-file-noselect probe-file)))
      (set-buffer buf)
      (setq probe-step "open")
      (unless (eq major-mode probe-mode)
        (probe-fail "major mode is %s, expected %s" major-mode probe-mode))
      (probe-log "emacs %s, eglot %s, %s in %s" emacs-version
                 (package-version-join (package-desc-version (cadr (assq 'eglot package-alist))))
                 probe-file major-mode)

      ;; Start the server as `M-x eglot' would (eglot-ensure waits for a command loop batch lacks).
      (setq probe-step "start server")
      (apply #'eglot (eglot--guess-contact))
      (let* ((server (or (eglot-current-server) (probe-fail "eglot did not connect")))
             (proc (jsonrpc--process server)))
        (unless (member probe-server (process-command proc))
          (probe-fail "eglot runs %S, not our server" (process-command proc)))
        (unless eglot--managed-mode (probe-fail "buffer is not managed by eglot"))
        (probe-log "server started (pid %s)" (process-id proc))
        (princ (format "server-pid %s\n" (process-id proc)))

        ;; 1. First diagnostics: the server's, then flymake's (what the user sees and what
        ;;    eglot-code-actions sends back).
        (let ((diags (probe-wait "diagnostics"
                                 (lambda () (let ((p (cl-find-if (lambda (p) (probe-uri-is-ours (car p))) probe-publishes)))
                                              (and p (cl-some #'probe-expected-p (cdr p)) (cdr p)))))))
          (probe-log "diagnostics: %s" (probe-describe diags)))
        (flymake-start)
        (probe-goto (1- probe-line) (1- probe-col))
        (unless (cl-some (lambda (fd) (let ((lsp (cdr (assq 'eglot-lsp-diag (flymake-diagnostic-data fd)))))
                                        (and lsp (probe-expected-p lsp) (= (flymake-diagnostic-beg fd) (point)))))
                         (flymake-diagnostics (point)))
          (probe-fail "flymake shows no %s at %d:%d (flymake: %S)" probe-code probe-line probe-col
                      (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))

        ;; 2. Hover on the diagnostic.
        (setq probe-step "hover")
        (probe-check-hover probe-hover (format "%d:%d" probe-line probe-col))

        ;; 3. M-x eglot-code-actions at the diagnostic; the prompt's default is eglot's choice
        ;;    (the preferred action), which a user takes with RET.
        (setq probe-step "code action")
        (let ((before (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
              (publishes (length probe-publishes))
              (offered nil) (edit-pos nil))
          ;; The minibuffer prompt, answered through `completing-read-function' (as a completion
          ;; UI would be).  Replacing the `completing-read' primitive itself costs a second here:
          ;; native-comp compiles a trampoline.
          (let ((completing-read-function
                     (lambda (_prompt collection &optional _pred _req _init _hist default &rest _)
                       (setq offered collection)
                       (probe-log "code actions: %s (default %s)"
                                  (mapconcat (lambda (c) (format "%s%s" (car c) (if (eq (plist-get (cdr c) :isPreferred) t) " (preferred)" "")))
                                             collection " | ")
                                  default)
                       (unless (eq (plist-get (cdar collection) :isPreferred) t)
                         (probe-fail "the first code action is not the preferred one: %s" (caar collection)))
                       (unless (equal default (caar collection))
                         (probe-fail "eglot's default %S is not the first action %S" default (caar collection)))
                       (let* ((edit (plist-get (cdar collection) :edit))
                              (changes (plist-get edit :changes))
                              (edits (cl-loop for (uri e) on changes by #'cddr
                                              when (probe-uri-is-ours (substring (symbol-name uri) 1)) return e))
                              (e (and edits (aref edits 0)))
                              (text (and e (plist-get e :newText)))
                              (start (and e (plist-get (plist-get e :range) :start))))
                         (unless edits (probe-fail "the action's edit does not name %s: %S" probe-file edit))
                         (when (and text (> (length text) 0) (not (string-search "\n" text)))
                           (setq edit-pos (list (plist-get start :line) (+ (plist-get start :character) (length text) -1)))))
                       default))
                (last-nonmenu-event ?\r))  ; as after a key press: eglot prompts in the minibuffer, no menu
            ;; eglot asks before editing a file no buffer visits (the edit's URI is not this buffer's).
            (advice-add 'y-or-n-p :override (lambda (prompt) (probe-fail "eglot asked: %s" prompt)) '((name . probe)))
            (call-interactively #'eglot-code-actions)
            (advice-remove 'y-or-n-p 'probe))
          (unless offered (probe-fail "no code action was offered"))
          (probe-goto (1- probe-line) 0)
          (let ((now (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
            (when (equal now before) (probe-fail "applying the action left line %d unchanged: %s" probe-line now))
            (probe-log "applied; line %d: %s" probe-line now))

          ;; 4. The server re-checks the edited text: the diagnostic goes away.  (eglot sends
          ;;    didChange from an idle timer; batch Emacs is never idle, so send it as the timer would.)
          (eglot--signal-textDocument/didChange)
          (let ((diags (probe-wait "diagnostics after the fix"
                                   (lambda ()
                                     (cl-loop for p in (butlast probe-publishes publishes)
                                              when (and (probe-uri-is-ours (car p))
                                                        (not (cl-some (lambda (d) (and (equal (plist-get d :code) probe-code)
                                                                                       (= (plist-get (plist-get (plist-get d :range) :start) :line) (1- probe-line))))
                                                                      (cdr p))))
                                              return (list (cdr p)))))))
            (probe-log "diagnostics after the fix: %s" (probe-describe (car diags))))

          ;; 5. Hover on what the fix inserted.
          (when (and probe-hover-after edit-pos)
            (setq probe-step "hover after the fix")
            (apply #'probe-goto edit-pos)
            (probe-check-hover probe-hover-after (format "%d:%d" (1+ (car edit-pos)) (1+ (cadr edit-pos))))))

        ;; 6. Save and shut the server down.
        (setq probe-step "save")
        (save-buffer)
        (when (buffer-modified-p) (probe-fail "buffer still modified after save-buffer"))
        (probe-goto (1- probe-line) 0)
        (probe-log "saved; line %d now: %s" probe-line
                   (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
        ;; 7. shutdown + exit, as `eglot-shutdown' sends them; but eglot kills the process right
        ;;    after `exit', so wait here for the server to end by itself, with status 0.
        (setq probe-step "shutdown")
        (setf (eglot--shutdown-requested server) t) ; no "server died" handling, no reconnect
        (jsonrpc-request server :shutdown nil)
        (jsonrpc-notify server :exit nil)
        (let ((deadline (+ (float-time) 5)))
          (probe-wait "exit" (lambda () (or (not (process-live-p proc))
                                            (and (> (float-time) deadline)
                                                 (probe-fail "server still running 5 s after the exit notification"))))))
        (unless (and (eq (process-status proc) 'exit) (= (process-exit-status proc) 0))
          (probe-fail "server ended with %s %s, expected exit 0" (process-status proc) (process-exit-status proc)))
        (probe-log "server exited with status 0")
        (probe-log "PASS")
        (setq probe-done t)
        (kill-emacs 0)))
  (error (probe-fail "error: %s" (error-message-string err))))
