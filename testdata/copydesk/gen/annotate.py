#!/usr/bin/env python3
"""Turn the copy desk's annotation specs into offset annotations and a TSV catalog.

Run from anywhere: python3 testdata/copydesk/gen/annotate.py [-v] [-own] [-slips] [-check SPEC]
It reads own.spec, research.spec and heldout/*.spec beside this folder, the
research texts from $REEL_DATA (default: shared/data beside the repository)
and the demo catalog, and rewrites reviews/*.ann.jsonl, research.jsonl,
heldout.jsonl, films.tsv, slips.jsonl and catalog/*.tsv. -v lists every
annotation in context. -check SPEC writes nothing: it reports the warnings
and lists the annotations of that one spec file in context.

spec lines:
  == FILE                      start a text (research: path under shared/data; own: path under testdata/copydesk)
  review Title|Year            film under review (truth)
  F surface [=> Title|Year]    film mention
  P surface [=> Canonical Name] person mention
  C surface => Title|Year|Actor Name|Character Name   character mention (adds a cast credit)
  X surface N[,M]              drop occurrences N, M (1-based) of surface
  credit Title|Year|Person|category[|Character]   a catalog fact without a mention
  film Title|Year[|votes]      a catalog film without a mention
  aka Title|Year|Alt title     an alternate title
  type Title|Year|titleType    IMDb's title type of a film some spec already names
                               (types.spec, read last so that it changes no id)
"""
import csv, glob, json, os, re, sys, unicodedata, collections

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)                      # testdata/copydesk
ROOT = os.path.dirname(os.path.dirname(REPO))     # the repository
SHARED = os.environ.get('REEL_DATA') or os.path.join(os.path.dirname(ROOT), 'shared', 'data')

def key(s):
    s = s.replace('&', ' and ').replace('½', ' 1 2 ')
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = s.lower()
    s = re.sub(r"['’.]", '', s)
    s = re.sub(r'[^0-9a-z]+', ' ', s)
    return s.strip()

# MovieLens ids for films, by (key, year)
ML = {}
MLVOTES = collections.Counter()
def load_ml():
    d = SHARED + '/movielens-ml-latest-small/'
    links = {r['movieId']: r['imdbId'] for r in csv.DictReader(open(d + 'links.csv'))}
    for r in csv.DictReader(open(d + 'ratings.csv')):
        MLVOTES[r['movieId']] += 1
    for r in csv.DictReader(open(d + 'movies.csv')):
        m = re.match(r'^(.*) \((\d{4})\)\s*$', r['title'].strip())
        if not m: continue
        t, y = m.group(1), int(m.group(2))
        titles = [t]
        # "Matrix, The" and "Talk to Her (Hable con Ella)"
        pm = re.match(r'^(.*?) \((.*)\)$', t)
        if pm: titles += [pm.group(1), pm.group(2)]
        out = []
        for x in titles:
            am = re.match(r'^(.*), (The|A|An|Les|La|Le|El|Il|Das|Der|Die|L\')$', x)
            out.append(am.group(2) + ' ' + am.group(1) if am else x)
        for x in out:
            ML.setdefault((key(x), y), (int(links[r['movieId']]), r['movieId']))
            # "X-Files: Fight the Future, The" is The X-Files; MovieLens's
            # year may be a year off IMDb's (festival and release years)
            main = re.split(r': | - ', x)[0]
            for dy in (0, -1, 1):
                ML_LOOSE.setdefault((key(main), y + dy), (int(links[r['movieId']]), r['movieId']))
ML_LOOSE = {}
load_ml()

# the alternate titles every spec gives a film, read ahead so that a film
# takes its MovieLens id whatever line names it first
SPEC_AKAS = collections.defaultdict(list)
for spec in [REPO + '/research.spec', REPO + '/own.spec'] + sorted(glob.glob(REPO + '/heldout/*.spec')):
    for line in open(spec):
        if line.startswith('aka '):
            t, y, alt = [x.strip() for x in line[4:].split('  #')[0].split('|')]
            SPEC_AKAS[(key(t), int(y))].append(alt)

class Catalog:
    def __init__(self, base=None):
        self.films = {}    # (key, year) -> dict
        self.people = {}   # key -> dict
        self.credits = []  # (filmkey, personkey, cat, character)
        self.akas = []
        self.next_film = 800000001
        self.next_person = 800000001
        if base: self.load_base(base)
    def load_base(self, d):
        # the demo catalog: films referenced by the spec come with all their
        # demo credits and alternate titles, and people keep their demo ids
        rd = lambda n: csv.DictReader(open(d + '/' + n), delimiter='\t', quoting=csv.QUOTE_NONE)
        self.base_films = {}
        self.base_votes = {r['tconst']: int(r['numVotes']) for r in rd('title.ratings.tsv')}
        for r in rd('title.basics.tsv'):
            y = int(r['startYear']) if r['startYear'] != '\\N' else 0
            self.base_films[(key(r['primaryTitle']), y)] = r
        self.base_people = {}
        self.base_names = {}
        for r in rd('name.basics.tsv'):
            self.base_people.setdefault(key(r['primaryName']), r)
            self.base_names[r['nconst']] = r['primaryName']
        self.base_credits = collections.defaultdict(list)
        for r in rd('title.principals.tsv'):
            self.base_credits[r['tconst']].append(r)
        self.base_akas = collections.defaultdict(list)
        for r in rd('title.akas.tsv'):
            self.base_akas[r['titleId']].append(r['title'])
    def film(self, spec):
        parts = spec.split('|')
        title, year = parts[0].strip(), int(parts[1])
        k = (key(title), year)
        if k not in self.films:
            fid, votes = None, None
            b = getattr(self, 'base_films', {}).get(k)
            if b and int(b['tconst'][2:]) < 9990000:
                fid = int(b['tconst'][2:])
            elif k in ML:
                fid, mlid = ML[k]
            elif k in ML_LOOSE:
                # the film MovieLens has under a longer title or the next
                # year: the same film, so the same id (else it would be its
                # own distractor)
                fid, mlid = ML_LOOSE[k]
            elif any((key(a), year) in ML or (key(a), year) in ML_LOOSE for a in SPEC_AKAS.get(k, [])):
                # or under one of the alternate titles the specs give it
                # ("Jackie Chan's First Strike" is MovieLens's "First Strike")
                a = next(a for a in SPEC_AKAS[k] if (key(a), year) in ML or (key(a), year) in ML_LOOSE)
                fid, mlid = ML.get((key(a), year)) or ML_LOOSE[(key(a), year)]
            elif b:
                fid = int(b['tconst'][2:])
            if k in ML or k in ML_LOOSE:
                votes = max(1000, MLVOTES[(ML.get(k) or ML_LOOSE[k])[1]] * 3000)
            if b:
                votes = self.base_votes.get(b['tconst'], votes)
            if fid is None:
                fid = self.next_film; self.next_film += 1
            if votes is None: votes = 5000
            if len(parts) > 2 and parts[2].strip(): votes = int(parts[2])
            orig = b['originalTitle'] if b else title
            f = self.films[k] = dict(id=fid, title=title, year=year, votes=votes, orig=orig)
            if b:
                for a in self.base_akas[b['tconst']]:
                    if (fid, a) not in self.akas: self.akas.append((fid, a))
                for r in self.base_credits[b['tconst']]:
                    p = self.person(self.base_names.get(r['nconst'], r['nconst']))
                    chars = json.loads(r['characters']) if r['characters'] != '\\N' else ['']
                    for ch in chars:
                        self.credit(f, p, r['category'], ch)
        return self.films[k]
    def person(self, name):
        k = key(name)
        if k not in self.people:
            b = getattr(self, 'base_people', {}).get(k)
            pid = int(b['nconst'][2:]) if b else None
            if pid is None:
                pid = self.next_person; self.next_person += 1
            self.people[k] = dict(id=pid, name=name)
        return self.people[k]
    def credit(self, film, person, cat, char=''):
        c = (film['id'], person['id'], cat, char)
        if c not in self.credits: self.credits.append(c)
    def write(self, d):
        os.makedirs(d, exist_ok=True)
        films = sorted(self.films.values(), key=lambda f: f['id'])
        with open(d + '/title.basics.tsv', 'w') as f:
            f.write('tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n')
            for x in films:
                f.write('tt%07d\t%s\t%s\t%s\t0\t%d\t\\N\t\\N\t\\N\n' % (x['id'], x.get('type', 'movie'), x['title'], x['orig'], x['year']))
        with open(d + '/title.ratings.tsv', 'w') as f:
            f.write('tconst\taverageRating\tnumVotes\n')
            for x in films:
                f.write('tt%07d\t7.0\t%d\n' % (x['id'], x['votes']))
        with open(d + '/title.akas.tsv', 'w') as f:
            f.write('titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n')
            for n, (fid, t) in enumerate(sorted(self.akas)):
                f.write('tt%07d\t%d\t%s\t\\N\t\\N\t\\N\t\\N\t0\n' % (fid, n + 1, t))
        with open(d + '/name.basics.tsv', 'w') as f:
            f.write('nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n')
            for x in sorted(self.people.values(), key=lambda p: p['id']):
                f.write('nm%07d\t%s\t\\N\t\\N\t\\N\t\\N\n' % (x['id'], x['name']))
        order = collections.Counter()
        with open(d + '/title.principals.tsv', 'w') as f:
            f.write('tconst\tordering\tnconst\tcategory\tjob\tcharacters\n')
            for (fid, pid, cat, ch) in sorted(self.credits, key=lambda c: (c[0], c[2] != 'director', c[2])):
                order[fid] += 1
                chars = json.dumps([ch], ensure_ascii=False) if ch else '\\N'
                f.write('tt%07d\t%d\tnm%07d\t%s\t\\N\t%s\n' % (fid, order[fid], pid, cat, chars))

def parse(specfile, cat, case_sensitive, root):
    texts = []
    cur = None
    for ln, line in enumerate(open(specfile), 1):
        line = line.split('  #')[0].rstrip()
        if not line.strip() or line.lstrip().startswith('#'): continue
        op, _, rest = line.strip().partition(' ')
        try:
            if op == '==':
                cur = dict(file=rest.strip(), items=[], drop={}, review=None); texts.append(cur)
            elif op == 'review':
                cur['review'] = cat.film(rest)
            elif op in ('F', 'P', 'C'):
                surf, _, ent = rest.partition('=>')
                surf, ent = surf.strip(), ent.strip()
                only = None
                if re.search(r'#[0-9,]+$', surf):
                    surf, _, ns = surf.rpartition('#')
                    only = set(int(n) for n in ns.split(','))
                if op == 'F':
                    e = cat.film(ent); cur['items'].append((surf, 'film', 'tt%07d' % e['id'], only))
                elif op == 'P':
                    e = cat.person(ent or surf.title()); cur['items'].append((surf, 'person', 'nm%07d' % e['id'], only))
                else:
                    t, y, actor, ch = [x.strip() for x in ent.split('|')]
                    f = cat.film(t + '|' + y); p = cat.person(actor)
                    cat.credit(f, p, 'actor', ch)
                    cur['items'].append((surf, 'character', 'tt%07d/nm%07d' % (f['id'], p['id']), only))
            elif op == 'X':
                surf, _, ns = rest.rpartition(' ')
                cur['drop'].setdefault(surf.strip(), set()).update(int(n) for n in ns.split(','))
            elif op == 'credit':
                parts = [x.strip() for x in rest.split('|')]
                f = cat.film(parts[0] + '|' + parts[1]); p = cat.person(parts[2])
                cat.credit(f, p, parts[3], parts[4] if len(parts) > 4 else '')
            elif op == 'film':
                cat.film(rest)
            elif op == 'type':
                t, y, typ = [x.strip() for x in rest.split('|')]
                k = (key(t), int(y))
                if k not in cat.films:
                    raise ValueError('no such film')
                cat.films[k]['type'] = typ
            elif op == 'aka':
                t, y, alt = [x.strip() for x in rest.split('|')]
                f = cat.film(t + '|' + y); cat.akas.append((f['id'], alt))
            else:
                raise ValueError('unknown op')
        except Exception as ex:
            sys.exit('%s:%d: %s: %s' % (specfile, ln, ex, line))
    out, listing = [], []
    for t in texts:
        path = os.path.join(root, t['file'])
        raw = open(path, 'rb').read()
        text = raw.decode('utf-8')
        taken = [False] * len(raw)
        anns = []
        for surf, kind, eid, only in sorted(t['items'], key=lambda x: -len(x[0])):
            flags = 0 if case_sensitive else re.I
            pat = re.compile(r'(?<![0-9A-Za-z])' + r'\s+'.join(re.escape(w) for w in surf.split()) + r'(?![0-9A-Za-z])', flags)
            n = 0
            for m in pat.finditer(text):
                n += 1
                s = len(text[:m.start()].encode()); e = len(text[:m.end()].encode())
                if n in t['drop'].get(surf, set()): continue
                if only is not None and n not in only: continue
                if any(taken[s:e]): continue
                for k in range(s, e): taken[k] = True
                anns.append(dict(file=t['file'], start=s, end=e, kind=kind, id=eid, text=surf))
            if n == 0:
                print('WARNING: %s: %r not found' % (t['file'], surf), file=sys.stderr)
            elif only is not None and max(only) > n:
                print('WARNING: %s: %r occurs %d times, not %d' % (t['file'], surf, n, max(only)), file=sys.stderr)
        anns.sort(key=lambda a: a['start'])
        out.append((t, anns, raw))
    return out

def listing(texts):
    for t, anns, raw in texts:
        for a in anns:
            s, e = a['start'], a['end']
            ctx = raw[max(0, s-25):e+25].decode('utf-8', 'replace').replace('\n', ' ')
            print('%-22s %-9s %-20s | %s' % (t['file'][-22:], a['kind'], a['id'], ctx))

# --- generate the set ---
# The order fixes the ids given to facts not in the demo catalog or
# MovieLens: research first, then own, then the held-out parts.
cat = Catalog(os.path.join(ROOT, 'demo', 'catalog'))
research = parse(REPO + '/research.spec', cat, False, SHARED)
own = parse(REPO + '/own.spec', cat, True, REPO)
heldout, subset = [], {}
for spec in sorted(glob.glob(REPO + '/heldout/*.spec')):
    part = parse(spec, cat, False, SHARED)
    # parts 1-3 are the validation half (its errors may be read), 4-6 the test half (never read)
    for t, _, _ in part:
        subset[t['file']] = 'validation' if int(re.search(r'(\d+)\.spec$', spec).group(1)) <= 3 else 'test'

    if '-check' in sys.argv and os.path.abspath(sys.argv[sys.argv.index('-check') + 1]) == os.path.abspath(spec):
        listing(part)
        print('%s: %d texts %d mentions' % (spec, len(part), sum(len(a) for _, a, _ in part)), file=sys.stderr)
    heldout += part
if '-check' in sys.argv:
    sys.exit(0)
parse(REPO + '/types.spec', cat, False, SHARED)
cat.write(REPO + '/catalog')
def write_mentions(path, texts):
    with open(path, 'w') as f:
        for t, anns, raw in texts:
            for a in anns:
                f.write(json.dumps(dict(file=a['file'], start=a['start'], end=a['end'], kind=a['kind'], id=a['id'])) + '\n')
write_mentions(REPO + '/research.jsonl', research)
write_mentions(REPO + '/heldout.jsonl', heldout)
for t, anns, raw in own:
    with open(REPO + '/' + t['file'][:-3] + '.ann.jsonl', 'w') as f:
        for a in anns:
            f.write(json.dumps(dict(start=a['start'], end=a['end'], kind=a['kind'], id=a['id'], text=a['text']), ensure_ascii=False) + '\n')
with open(REPO + '/films.tsv', 'w') as f:
    f.write('file\tfilm\tset\n')
    for name, texts in (('research', research), ('own', own), ('heldout', heldout)):
        for t, anns, raw in texts:
            f.write('%s\t%s\t%s\n' % (t['file'], 'tt%07d' % t['review']['id'] if t['review'] else '', subset.get(t['file'], name)))
credited = set(c[1] for c in cat.credits)
for p in cat.people.values():
    if p['id'] not in credited:
        print('NO CREDIT:', p['name'], file=sys.stderr)
n = lambda r: sum(len(a) for _, a, _ in r)
print('research: %d texts %d mentions; own: %d texts %d mentions; held out: %d texts %d mentions; catalog: %d films %d people %d credits' % (
    len(research), n(research), len(own), n(own), len(heldout), n(heldout), len(cat.films), len(cat.people), len(cat.credits)), file=sys.stderr)
if '-v' in sys.argv:
    listing(own if '-own' in sys.argv else research)

# Known slips in the texts: annotated mentions whose words are not a run of
# the canonical name's words (misspellings such as "whoopi golberg"). A check
# on such a span is a true alarm, not a false one.
names = collections.defaultdict(list)
for f in cat.films.values():
    names['tt%07d' % f['id']] += [f['title'], f['orig']]
for fid, a in cat.akas:
    names['tt%07d' % fid].append(a)
for p in cat.people.values():
    names['nm%07d' % p['id']].append(p['name'])
for (fid, pid, catg, ch) in cat.credits:
    if ch: names['tt%07d/nm%07d' % (fid, pid)].append(ch)
def run_of(sub, full):
    return any(full[i:i+len(sub)] == sub for i in range(len(full) - len(sub) + 1))
def ed(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            cur = min(d[j] + 1, d[j-1] + 1, prev + (a[i-1] != b[j-1]))
            prev, d[j] = d[j], cur
    return d[len(b)]
def misspelled(w, full):
    for i in range(len(full) - len(w) + 1):
        win = full[i:i+len(w)]
        bad = [(x, y) for x, y in zip(w, win) if x != y]
        if bad and all(ed(x, y) <= 2 for x, y in bad):
            return True
    return ''.join(w) != ''.join(full) and ed(''.join(w), ''.join(full)) <= 2
slips = []
for t, anns, raw in research + heldout:
    for a in anns:
        w = key(a['text']).split()
        if not any(run_of(w, key(n).split()) for n in names[a['id']]) and any(misspelled(w, key(n).split()) for n in names[a['id']]):
            slips.append(dict(file=t['file'], start=a['start'], end=a['end'], text=a['text'], id=a['id']))
with open(REPO + '/slips.jsonl', 'w') as f:
    for s in slips:
        f.write(json.dumps(dict(file=s['file'], start=s['start'], end=s['end'])) + '\n')
print('slips:', len(slips), file=sys.stderr)
if '-slips' in sys.argv:
    for s in slips: print(s['file'][-20:], s['text'], '->', names[s['id']][:2], file=sys.stderr)
