/*
 * isolatectl's native client: the fast path of a command that the daemon runs.
 *
 * The launcher script execs it as
 *
 *     isolatectl-client SCRIPT JAVA DAEMON_CLASSPATH ARGS...
 *
 * It finds the socket of this user's daemon for this build and JDK (the same key the Java client,
 * dev.isolates.cli.daemon.DaemonClient, computes: BuildKey.java and DaemonDirectory.java), forwards
 * the command line, working directory, environment and standard streams over the frames of
 * Frames.java, and exits with the command's exit code. Ctrl-C, SIGTERM or SIGHUP cancels the
 * command in the daemon; a daemon that dies under the command makes it exit with code 5 and one line.
 *
 * Everything else (no daemon answers, 'daemon start', a key it cannot compute the way Java does) it
 * leaves to the Java client: it execs SCRIPT again with ISOLATECTL_CLIENT=java, which starts the
 * daemon if need be. A JVM costs a command tens of milliseconds to start; this costs about one.
 *
 * 'isolatectl-client --socket SCRIPT JAVA DAEMON_CLASSPATH' prints the socket it would use.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

/* Frames.java */
enum {
    FRAME_REQUEST = 1, FRAME_STDIN = 2, FRAME_STDIN_END = 3, FRAME_CANCEL = 4,
    FRAME_STDIN_WANTED = 10, FRAME_STDOUT = 11, FRAME_STDERR = 12, FRAME_EXIT = 13
};
#define MAX_BODY (16 << 20)
#define DAEMON_FAILED 5
#define MAX_SOCKET_PATH 107
#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static char **fallback_argv; /* SCRIPT ARGS... */
static int sock = -1;
static pthread_mutex_t sending = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t signalled;
static int signal_pipe[2] = {-1, -1};
static struct sigaction pipe_action; /* SIGPIPE as this process got it, for the Java client */

static void *checked(void *p) {
    if (!p) {
        fprintf(stderr, "isolatectl: out of memory\n");
        exit(DAEMON_FAILED);
    }
    return p;
}

static void *xmalloc(size_t n) {
    return checked(malloc(n));
}

static void *xrealloc(void *p, size_t n) {
    return checked(realloc(p, n));
}

static char *xstrdup(const char *s) {
    return checked(strdup(s));
}

/* ---- the Java client, for whatever this one leaves to it ---- */

static void use_java_client(void) {
    if (sock >= 0) {
        close(sock);
    }
    sigaction(SIGPIPE, &pipe_action, NULL); /* an ignored SIGPIPE would outlive exec */
    setenv("ISOLATECTL_CLIENT", "java", 1);
    execv(fallback_argv[0], fallback_argv);
    fprintf(stderr, "isolatectl: could not run %s: %s\n", fallback_argv[0], strerror(errno));
    exit(DAEMON_FAILED);
}

/* ---- growable byte buffer ---- */

typedef struct {
    char *data;
    size_t length, capacity;
} buffer;

static void append(buffer *b, const void *bytes, size_t n) {
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + n) {
            capacity *= 2;
        }
        b->data = xrealloc(b->data, capacity);
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, n);
    b->length += n;
}

static void append_int(buffer *b, uint32_t v) {
    unsigned char be[4] = {v >> 24, v >> 16, v >> 8, v};
    append(b, be, 4);
}

static void append_text(buffer *b, const char *s) {
    size_t n = strlen(s);
    append_int(b, (uint32_t) n);
    append(b, s, n);
}

/* ---- the build key (BuildKey.java), over ASCII text only: other text goes to the Java client ---- */

static uint64_t add(uint64_t h, const char *s) {
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if (*p >= 0x80) {
            use_java_client(); /* Java hashes UTF-16 units of text decoded by its locale */
        }
        h ^= *p;
        h *= FNV_PRIME;
    }
    h ^= 0x10000;
    return h * FNV_PRIME;
}

static uint64_t add_long(uint64_t h, long long v) {
    char text[32];
    snprintf(text, sizeof text, "%lld", v);
    return add(h, text);
}

/* A path as java.io.File normalizes it: no repeated slashes, no trailing one. */
static char *normalized(const char *path) {
    char *n = xmalloc(strlen(path) + 1), *w = n;
    for (const char *p = path; *p; p++) {
        if (*p == '/' && w > n && w[-1] == '/') {
            continue;
        }
        *w++ = *p;
    }
    if (w - n > 1 && w[-1] == '/') {
        w--;
    }
    *w = 0;
    return n;
}

static char *joined(const char *folder, const char *name) {
    char *f = normalized(folder), *path;
    if (asprintf(&path, "%s%s%s", f, strcmp(f, "/") == 0 ? "" : "/", name) < 0) {
        exit(DAEMON_FAILED);
    }
    free(f);
    return path;
}

/* The first executable NAME in PATH's folders, or "". */
static char *on_path(const char *name) {
    const char *path = getenv("PATH");
    if (!path) {
        return xstrdup("");
    }
    char *copy = xstrdup(path), *rest = copy, *folder;
    while ((folder = strsep(&rest, ":")) != NULL) {
        if (!*folder) {
            continue;
        }
        char *candidate = joined(folder, name);
        struct stat st;
        if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) && access(candidate, X_OK) == 0) {
            free(copy);
            return candidate;
        }
        free(candidate);
    }
    free(copy);
    return xstrdup("");
}

static const char *or_null(const char *s) {
    return s ? s : "null";
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int by_path(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The classpath's files, each folder wildcard written out as the folder's jars, sorted. */
static char **entries(const char *classpath, size_t *count) {
    size_t n = 0, capacity = 64;
    char **files = xmalloc(capacity * sizeof *files);
    char *copy = xstrdup(classpath), *rest = copy, *entry;
    while ((entry = strsep(&rest, ":")) != NULL) {
        size_t length = strlen(entry);
        if (length >= 2 && strcmp(entry + length - 2, "/*") == 0) {
            entry[length - 2] = 0;
            DIR *dir = opendir(entry);
            struct dirent *e;
            while (dir && (e = readdir(dir)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0
                        || !(ends_with(e->d_name, ".jar") || ends_with(e->d_name, ".JAR"))) {
                    continue;
                }
                if (n == capacity) {
                    files = xrealloc(files, (capacity *= 2) * sizeof *files);
                }
                files[n++] = joined(*entry ? entry : "/", e->d_name);
            }
            if (dir) {
                closedir(dir);
            }
        } else if (length > 0) {
            if (n == capacity) {
                files = xrealloc(files, (capacity *= 2) * sizeof *files);
            }
            files[n++] = normalized(entry);
        }
    }
    free(copy);
    qsort(files, n, sizeof *files, by_path);
    *count = n;
    return files;
}

/* JAVA_RUNTIME_VERSION from the JDK's release file: what java.runtime.version says. */
static char *runtime_version(const char *java_home) {
    char *release;
    if (asprintf(&release, "%s/release", java_home) < 0) {
        return NULL;
    }
    FILE *f = fopen(release, "r");
    free(release);
    if (!f) {
        return NULL;
    }
    char line[4096], *version = NULL;
    const char *key = "JAVA_RUNTIME_VERSION=\"";
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, strlen(key)) == 0) {
            char *start = line + strlen(key), *end = strchr(start, '"');
            if (end) {
                *end = 0;
                version = xstrdup(start);
            }
            break;
        }
    }
    fclose(f);
    return version;
}

static char *build_key(const char *java, const char *classpath) {
    char *java_home = xstrdup(java), *slash;
    for (int up = 0; up < 2; up++) { /* JAVA_HOME/bin/java, its links resolved */
        slash = strrchr(java_home, '/');
        if (!slash || slash == java_home) {
            use_java_client();
        }
        *slash = 0;
    }
    char *version = runtime_version(java_home);
    if (!version) {
        use_java_client();
    }
    uint64_t h = FNV_OFFSET;
    const char *bwrap = getenv("ISOLATES_BWRAP");
    int blank = 1;
    for (const char *p = bwrap; p && *p; p++) {
        blank = blank && (*p == ' ' || (*p >= '\t' && *p <= '\r') || (*p >= 0x1c && *p <= 0x1f));
    }
    char *found = NULL;
    h = add(h, bwrap && !blank ? bwrap : (found = on_path("bwrap")));
    free(found);
    h = add(h, found = on_path("prlimit"));
    free(found);
    h = add(h, or_null(getenv("XDG_CACHE_HOME")));
    h = add(h, or_null(getenv("HOME")));
    h = add(h, java_home);
    h = add(h, version);
    size_t count;
    char **files = entries(classpath, &count);
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        long long size = 0, modified = 0;
        if (stat(files[i], &st) == 0) {
            size = (long long) st.st_size; /* java.io.File.length(), a folder's included */
            modified = (long long) st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
        }
        h = add(h, files[i]);
        h = add_long(h, size);
        h = add_long(h, modified);
        free(files[i]);
    }
    free(files);
    free(version);
    free(java_home);
    char *key;
    if (asprintf(&key, "%016llx", (unsigned long long) h) < 0) {
        exit(DAEMON_FAILED);
    }
    return key;
}

/* The daemons' folder (DaemonDirectory.locate). */
static char *daemon_folder(void) {
    char *folder;
    const char *own = getenv("ISOLATECTL_DAEMON_DIR");
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    const char *cache = getenv("XDG_CACHE_HOME");
    int made;
    if (own && *own) {
        if (*own == '/') {
            made = asprintf(&folder, "%s", own);
        } else {
            char *cwd = getcwd(NULL, 0);
            made = cwd ? asprintf(&folder, "%s/%s", cwd, own) : -1;
            free(cwd);
        }
    } else if (runtime && *runtime) {
        made = asprintf(&folder, "%s/isolatectl", runtime);
    } else if (cache && *cache) {
        made = asprintf(&folder, "%s/isolatectl", cache);
    } else {
        /* java's user.home; a JDK 19 or later takes HOME instead of a pw_dir shorter than 2 characters */
        struct passwd *user = getpwuid(getuid());
        made = user && strlen(user->pw_dir) >= 2 ? asprintf(&folder, "%s/.cache/isolatectl", user->pw_dir) : -1;
    }
    if (made < 0) {
        use_java_client();
    }
    char *n = normalized(folder);
    free(folder);
    return n;
}

/* ---- frames ---- */

static void cancel_and_exit(void);

static int write_all(int fd, const void *bytes, size_t n) {
    const char *p = bytes;
    while (n > 0) {
        if (signalled) {
            if (fd != sock) {
                cancel_and_exit(); /* a reader of stdout that stopped reading does not hold Ctrl-C up */
            }
            errno = EINTR;
            return -1; /* a daemon that stopped reading does not either */
        }
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

static int send_frame(unsigned char type, const void *body, size_t n) {
    unsigned char header[5] = {type, (unsigned char) (n >> 24), (unsigned char) (n >> 16),
                               (unsigned char) (n >> 8), (unsigned char) n};
    pthread_mutex_lock(&sending);
    int failed = write_all(sock, header, 5) < 0 || (n > 0 && write_all(sock, body, n) < 0);
    pthread_mutex_unlock(&sending);
    return failed ? -1 : 0;
}

/* Reads n bytes: 1 when read, 0 at the end of the stream, -1 on an error, -2 when signalled. */
static int read_exactly(void *into, size_t n) {
    char *p = into;
    while (n > 0) {
        struct pollfd fds[2] = {{sock, POLLIN, 0}, {signal_pipe[0], POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        if (fds[1].revents) {
            return -2;
        }
        ssize_t r = read(sock, p, n);
        if (r < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return -1;
        }
        if (r == 0) {
            return 0;
        }
        p += r;
        n -= (size_t) r;
    }
    return 1;
}

static void *pump_stdin(void *unused) {
    (void) unused;
    static char chunk[1 << 16];
    while (1) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd in = {STDIN_FILENO, POLLIN, 0};
            poll(&in, 1, -1); /* a non-blocking stdin: wait for it */
            continue;
        }
        if (n < 0) {
            return NULL; /* stdin failed: as the Java client, no end is sent, and the command ends either way */
        }
        if (n == 0) {
            break;
        }
        if (send_frame(FRAME_STDIN, chunk, (size_t) n) < 0) {
            return NULL; /* the connection closed: the command ended */
        }
    }
    send_frame(FRAME_STDIN_END, NULL, 0);
    return NULL;
}

static void on_signal(int signal) {
    signalled = signal;
    int saved = errno;
    if (write(signal_pipe[1], "!", 1) < 0) {
        /* the pipe is full: a signal is pending there already */
    }
    errno = saved;
}

static void cancel_and_exit(void) {
    /* A stdin frame stuck in a full socket holds the lock: then the connection is closed without the
       cancel frame, which the daemon takes as a cancel all the same. */
    if (pthread_mutex_trylock(&sending) == 0) {
        unsigned char cancel[5] = {FRAME_CANCEL, 0, 0, 0, 0};
        if (write(sock, cancel, sizeof cancel) < 0) {
            /* the connection is gone already: closing it cancels all the same */
        }
    }
    shutdown(sock, SHUT_RDWR);
    _exit(128 + signalled); /* as a JVM ends on the signal */
}

static const char *reason(int error) {
    return error == ECONNRESET ? "Connection reset" : strerror(error); /* as Java says it */
}

static void died(const char *folder, const char *key, const char *why) {
    fprintf(stderr, "isolatectl: the background supervisor (daemon) ended before the command finished%s%s%s: "
            "see %s%s%s.log; run the command again to start a new one, or with --no-daemon\n",
            why ? " (" : "", why ? why : "", why ? ")" : "", folder, strcmp(folder, "/") == 0 ? "" : "/", key);
    exit(DAEMON_FAILED);
}

static int ascii(const char *s) {
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if (*p >= 0x80) {
            return 0;
        }
    }
    return 1;
}

/* Text a JVM reads as it is: ASCII, or any text where the locale's characters are UTF-8 (a JVM
   in another locale makes '?' of what it cannot decode: the Java client says it so). */
static void as_java_reads(const char *s) {
    static int utf8 = -1;
    if (ascii(s)) {
        return;
    }
    if (utf8 < 0) {
        setlocale(LC_CTYPE, "");
        utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    }
    if (!utf8) {
        use_java_client();
    }
}

/* Whether the variable at environ[i] has a name an earlier one had: System.getenv() keeps the first. */
static int named_before(int i) {
    size_t length = (size_t) (strchr(environ[i], '=') - environ[i]);
    for (int j = 0; j < i; j++) {
        const char *equals = strchr(environ[j], '=');
        if (equals && (size_t) (equals - environ[j]) == length && strncmp(environ[j], environ[i], length) == 0) {
            return 1;
        }
    }
    return 0;
}

static buffer request(int argc, char **argv) {
    buffer b = {0};
    append_int(&b, (uint32_t) argc);
    for (int i = 0; i < argc; i++) {
        as_java_reads(argv[i]);
        append_text(&b, argv[i]);
    }
    char *cwd = getcwd(NULL, 0);
    if (!cwd) {
        use_java_client();
    }
    as_java_reads(cwd);
    append_text(&b, cwd);
    free(cwd);
    uint32_t variables = 0;
    for (int i = 0; environ[i]; i++) {
        if (strchr(environ[i], '=') && !named_before(i)) {
            as_java_reads(environ[i]);
            variables++;
        }
    }
    append_int(&b, variables);
    for (int i = 0; environ[i]; i++) {
        char *equals = strchr(environ[i], '=');
        if (!equals || named_before(i)) {
            continue;
        }
        append_int(&b, (uint32_t) (equals - environ[i]));
        append(&b, environ[i], (size_t) (equals - environ[i]));
        append_text(&b, equals + 1);
    }
    unsigned char terminal = isatty(STDERR_FILENO) ? 1 : 0;
    append(&b, &terminal, 1);
    return b;
}

int main(int argc, char **argv) {
    sigaction(SIGPIPE, NULL, &pipe_action);
    for (int fd = 0; fd <= 2; fd++) { /* a closed one would become the socket's number */
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd) {
            fprintf(stderr, "isolatectl: could not open /dev/null for a closed standard stream\n");
            return DAEMON_FAILED;
        }
    }
    int socket_only = argc > 1 && strcmp(argv[1], "--socket") == 0;
    if (socket_only) {
        argv++;
        argc--;
    }
    if (argc < 4) {
        fprintf(stderr, "usage: isolatectl-client [--socket] SCRIPT JAVA DAEMON_CLASSPATH ARGS...: "
                "the isolatectl script runs it\n");
        return 2;
    }
    fallback_argv = xmalloc((size_t) (argc - 1) * sizeof *fallback_argv);
    fallback_argv[0] = argv[1];
    for (int i = 4; i < argc; i++) {
        fallback_argv[i - 3] = argv[i];
    }
    fallback_argv[argc - 3] = NULL;
    char **args = argv + 4;
    int count = argc - 4;

    char *key = build_key(argv[2], argv[3]);
    char *folder = daemon_folder();
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if ((size_t) snprintf(address.sun_path, sizeof address.sun_path, "%s%s%s.sock", folder,
                          strcmp(folder, "/") == 0 ? "" : "/", key)
            >= sizeof address.sun_path) {
        use_java_client(); /* it says what to do about a path too long */
    }
    if (socket_only) {
        printf("%s\n", address.sun_path);
        return 0;
    }
    if (count == 2 && strcmp(args[0], "daemon") == 0 && strcmp(args[1], "start") == 0) {
        use_java_client();
    }
    sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sock < 0 || connect(sock, (struct sockaddr *) &address, sizeof address) < 0) {
        use_java_client(); /* none answers: the Java client starts one, or says none runs */
    }

    if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
        use_java_client();
    }
    struct sigaction action = {.sa_handler = on_signal};
    sigemptyset(&action.sa_mask);
    int cancelling[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof cancelling / sizeof cancelling[0]; i++) {
        struct sigaction inherited;
        sigaction(cancelling[i], NULL, &inherited);
        if (inherited.sa_handler != SIG_IGN) { /* as a JVM, which leaves an ignored one ignored (nohup, &) */
            sigaction(cancelling[i], &action, NULL);
        }
    }
    signal(SIGPIPE, SIG_IGN);

    buffer body = request(count, args);
    /* a daemon that refuses this client closes without reading: what it said is read below */
    send_frame(FRAME_REQUEST, body.data, body.length);
    free(body.data);

    int stdout_open = 1;
    char *frame = xmalloc(1 << 16);
    size_t frame_capacity = 1 << 16;
    while (1) {
        unsigned char header[5];
        int got = read_exactly(header, 5);
        if (got == -2) {
            cancel_and_exit();
        }
        if (got == 0) {
            died(folder, key, NULL);
        }
        if (got < 0) {
            died(folder, key, reason(errno));
        }
        uint32_t length = (uint32_t) header[1] << 24 | (uint32_t) header[2] << 16 | (uint32_t) header[3] << 8
                | header[4];
        if (length > MAX_BODY) {
            char why[96];
            snprintf(why, sizeof why, "a frame of %d bytes: not a client or daemon of this build", (int32_t) length);
            died(folder, key, why);
        }
        if (length > frame_capacity) {
            frame = xrealloc(frame, frame_capacity = length);
        }
        got = length ? read_exactly(frame, length) : 1;
        if (got == -2) {
            cancel_and_exit();
        }
        if (got <= 0) {
            died(folder, key, got < 0 ? reason(errno) : NULL);
        }
        switch (header[0]) {
            case FRAME_STDOUT:
                stdout_open = stdout_open && write_all(STDOUT_FILENO, frame, length) == 0;
                break;
            case FRAME_STDERR:
                write_all(STDERR_FILENO, frame, length);
                break;
            case FRAME_STDIN_WANTED: {
                pthread_t pump;
                sigset_t all, before;
                sigfillset(&all);
                pthread_sigmask(SIG_BLOCK, &all, &before); /* signals go to this thread, which cancels */
                int started = pthread_create(&pump, NULL, pump_stdin, NULL);
                pthread_sigmask(SIG_SETMASK, &before, NULL);
                if (started != 0) {
                    died(folder, key, "could not start a thread to send standard input");
                }
                pthread_detach(pump);
                break;
            }
            case FRAME_EXIT:
                if (length < 4) {
                    died(folder, key, "an exit frame without its code");
                }
                close(sock);
                return (int) ((uint32_t) (unsigned char) frame[0] << 24 | (uint32_t) (unsigned char) frame[1] << 16
                        | (uint32_t) (unsigned char) frame[2] << 8 | (unsigned char) frame[3]);
            default: {
                char why[48];
                snprintf(why, sizeof why, "a frame of unknown type %d", (signed char) header[0]);
                died(folder, key, why);
            }
        }
        if (signalled) {
            cancel_and_exit();
        }
    }
}
