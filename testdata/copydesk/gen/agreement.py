#!/usr/bin/env python3
"""Inter-annotator agreement on the held-out test half.

Run from anywhere: python3 testdata/copydesk/gen/agreement.py [-kit DIR]
heldout/second/partN.spec are blind second annotations of the test half's
texts (parts 4-6), made by annotators who saw neither the first annotation
nor the linker's output. This script builds both annotations in scratch
copies of the kit (annotate.py writes in place), names every mention by what
it refers to (a film by title and year, a person by name, a character by
film and actor) rather than by id, since made-up ids depend on the order of
the specs, and prints, per kind, how far the two agree: precision and
recall of the second annotation against the first (their F1 is symmetric).
Only totals are printed: the test half's texts are not to be read.
-kit DIR keeps the second annotation's kit in DIR, for scoring the linker
against it: LINKEVAL_KIT=DIR go test -v -run TestSecondAnnotation ./linker/linkeval
"""
import collections, csv, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)                      # testdata/copydesk
ROOT = os.path.dirname(os.path.dirname(REPO))     # the repository
SHARED = os.environ.get('REEL_DATA') or os.path.join(os.path.dirname(ROOT), 'shared', 'data')
PARTS = ['part4.spec', 'part5.spec', 'part6.spec']


def build(second, keep=None):
    """Runs annotate.py on a scratch copy, the test parts swapped for the
    second annotation when second; returns the test texts' mentions. keep,
    when set, is where the copy stays."""
    tmp = keep or tempfile.mkdtemp()
    try:
        kit = os.path.join(tmp, 'testdata', 'copydesk')
        shutil.copytree(REPO, kit)
        shutil.copytree(os.path.join(ROOT, 'demo', 'catalog'), os.path.join(tmp, 'demo', 'catalog'))
        if second:
            for p in PARTS:
                shutil.copy(os.path.join(REPO, 'heldout', 'second', p), os.path.join(kit, 'heldout', p))
        env = dict(os.environ, REEL_DATA=SHARED)
        subprocess.run([sys.executable, os.path.join(kit, 'gen', 'annotate.py')], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        files = set()
        for p in PARTS:
            for line in open(os.path.join(kit, 'heldout', p)):
                if line.startswith('== '):
                    files.add(line[3:].strip())
        names = catalog(os.path.join(kit, 'catalog'))
        out = set()
        for line in open(os.path.join(kit, 'heldout.jsonl')):
            m = json.loads(line)
            if m['file'] in files:
                out.add((m['file'], m['start'], m['end'], m['kind'], referent(m, names)))
        return files, out
    finally:
        if not keep:
            shutil.rmtree(tmp)


def catalog(d):
    rd = lambda n: csv.DictReader(open(os.path.join(d, n)), delimiter='\t', quoting=csv.QUOTE_NONE)
    names = {}
    for r in rd('title.basics.tsv'):
        names[r['tconst']] = r['primaryTitle'] + ' (' + r['startYear'] + ')'
    for r in rd('name.basics.tsv'):
        names[r['nconst']] = r['primaryName']
    return names


def referent(m, names):
    if m['kind'] == 'character':
        film, actor = m['id'].split('/')
        return names.get(film, film) + ' / ' + names.get(actor, actor)
    return names.get(m['id'], m['id'])


def main():
    files1, first = build(False)
    keep = sys.argv[sys.argv.index('-kit') + 1] if '-kit' in sys.argv else None
    if keep and os.path.exists(keep):
        sys.exit(keep + ' exists')
    files2, second = build(True, keep)
    if files1 != files2:
        sys.exit('the second annotation covers other texts than the first')
    print('test half: %d texts; first annotation %d mentions, second %d' % (len(files1), len(first), len(second)))
    print('  %-10s %6s %6s %6s %9s %7s %6s' % ('kind', 'first', 'second', 'both', 'precision', 'recall', 'F1'))
    for kind in ['film', 'person', 'character', 'all']:
        a = {m for m in first if kind in ('all', m[3])}
        b = {m for m in second if kind in ('all', m[3])}
        both = len(a & b)
        p = both / len(b) if b else 1
        r = both / len(a) if a else 1
        f = 2 * p * r / (p + r) if p + r else 0
        print('  %-10s %6d %6d %6d %9.3f %7.3f %6.3f' % (kind, len(a), len(b), both, p, r, f))
    # the same span marked by both, whatever it was linked to
    spans = lambda s, k: {(m[0], m[1], m[2]) for m in s if k in ('all', m[3])}
    a, b = spans(first, 'film'), spans(second, 'film')
    print('  film spans alone (either referent): both %d, precision %.3f, recall %.3f' %
          (len(a & b), len(a & b) / max(len(b), 1), len(a & b) / max(len(a), 1)))


if __name__ == '__main__':
    main()
