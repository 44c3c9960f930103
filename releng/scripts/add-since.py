#!/usr/bin/env python3
"""Adds `@since` to the Javadoc of every public top-level type of every exported API package (docs/api.md).

API packages: the Export-Package entries of bundles/*/META-INF/MANIFEST.MF without x-internal:=true or x-friends.
A type whose Javadoc already has @since is left alone (idempotent); a type without Javadoc gets one.
The version written is major.minor of the package's exported version in the reference release when the source
file existed there, and otherwise of the package's version now. The reference release is the newest tag matching
v[0-9]*, or, while there is none, the last commit of the 0.1 line (V01_COMMIT below: the state before the
"Platform v2" wave). Generated EMF code (files with @generated) is skipped: the generator would undo the edit.

Usage: releng/scripts/add-since.py [--ref REF] [--check]
  --check  write nothing; list the types without @since and exit 1 when there is one.
"""
import argparse
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
V01_COMMIT = 'ce959e9d9e956266fa3dc573643a5968c7f020ba'

SPLIT = re.compile(r',(?=(?:[^"]*"[^"]*")*[^"]*$)')
DECL = re.compile(r'^public\s+(?:(?:abstract|final|sealed|non-sealed|static|strictfp)\s+)*'
                  r'(?:class|interface|enum|record|@interface)\s+\w+', re.M)


def git(*args):
    return subprocess.run(['git', '-C', ROOT] + list(args), capture_output=True, text=True)


def header(text, name):
    value = None
    for line in text.split('\n'):
        if value is not None:
            if line.startswith(' '):
                value += line[1:]
                continue
            break
        if line.startswith(name + ':'):
            value = line[len(name) + 1:].strip()
    return value or ''


def api_packages(manifest_text):
    """API package -> major.minor of its exported version."""
    out = {}
    for clause in SPLIT.split(header(manifest_text, 'Export-Package')):
        clause = clause.strip()
        if not clause or 'x-internal:=true' in clause.replace(' ', '') or 'x-friends:=' in clause.replace(' ', ''):
            continue
        name = clause.split(';')[0].strip()
        m = re.search(r'version\s*=\s*"?(\d+)(?:\.(\d+))?', clause)
        out[name] = '%s.%s' % (m.group(1), m.group(2) or '0') if m else '0.0'
    return out


def source_dirs(bundle):
    dirs = []
    props = os.path.join(bundle, 'build.properties')
    if os.path.exists(props):
        text = open(props, encoding='utf-8').read().replace('\\\n', '')
        for m in re.finditer(r'^source\.[^=]*=\s*(.+)$', text, re.M):
            dirs += [d.strip().rstrip('/') for d in m.group(1).split(',') if d.strip()]
    return dirs or ['src']


def add_since(text, version):
    """The text with @since added to the public top-level type's Javadoc, or None when nothing changes."""
    m = DECL.search(text)
    if not m:
        return None
    start = m.start()
    # annotations directly above the declaration belong to it
    lines_before = text[:start].split('\n')[:-1]
    k = len(lines_before)
    while k > 0 and (lines_before[k - 1].startswith('@') or lines_before[k - 1][:1] in (' ', '\t')
                     and lines_before[k - 1].strip() and not lines_before[k - 1].strip().startswith('*')):
        k -= 1
    decl_start = sum(len(l) + 1 for l in lines_before[:k])
    before = text[:decl_start]
    doc = re.search(r'/\*\*(?:(?!\*/).)*\*/\s*$', before, re.S)
    if doc:
        body = doc.group(0)
        if '@since' in body:
            return None
        end = doc.start() + body.rindex('*/')
        inner = text[doc.start() + 3:end]
        if '\n' not in inner:  # one-line /** Text. */
            new = '/**\n * ' + inner.strip() + '\n *\n * @since ' + version + '\n */'
            return text[:doc.start()] + new + text[end + 2:]
        # multi-line: add before the closing line; a blank line separates it from the description
        lines = inner.rstrip().split('\n')
        last = lines[-1].strip()
        tags = any(l.strip().lstrip('*').strip().startswith('@') for l in lines)
        sep = '' if tags or last in ('*', '') else ' *\n'
        new_inner = inner.rstrip() + '\n' + sep + ' * @since ' + version + '\n '
        return text[:doc.start() + 3] + new_inner + text[end:]
    return text[:decl_start] + '/**\n * @since ' + version + '\n */\n' + text[decl_start:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--ref', help='reference release (default: newest v[0-9]* tag, else the 0.1 commit)')
    ap.add_argument('--check', action='store_true')
    args = ap.parse_args()

    ref = args.ref
    if not ref:
        r = git('describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', 'HEAD')
        ref = r.stdout.strip() if r.returncode == 0 else V01_COMMIT
    if args.check:
        old_files = set()  # the version written does not matter when only checking
    elif git('rev-parse', '--verify', '-q', ref + '^{commit}').returncode != 0:
        print('add-since: reference %s is not in this clone; every type gets its package\'s version now' % ref,
              file=sys.stderr)
        old_files = set()
    else:
        old_files = set(git('ls-tree', '-r', '--name-only', ref).stdout.split('\n'))

    changed, missing = [], []
    for mf in sorted(glob.glob(os.path.join(ROOT, 'bundles', '*', 'META-INF', 'MANIFEST.MF'))):
        bundle = os.path.dirname(os.path.dirname(mf))
        now = api_packages(open(mf, encoding='utf-8').read())
        rel_mf = os.path.relpath(mf, ROOT)
        then_text = git('show', '%s:%s' % (ref, rel_mf)).stdout if rel_mf in old_files else ''
        then = api_packages(then_text)
        for pkg, version in sorted(now.items()):
            for src in source_dirs(bundle):
                folder = os.path.join(bundle, src, *pkg.split('.'))
                for path in sorted(glob.glob(os.path.join(folder, '*.java'))):
                    if path.endswith('package-info.java'):
                        continue
                    text = open(path, encoding='utf-8').read()
                    if '@generated' in text:
                        continue
                    rel = os.path.relpath(path, ROOT)
                    since = then.get(pkg, version) if rel in old_files else version
                    new = add_since(text, since)
                    if new is None:
                        continue
                    missing.append(rel)
                    if not args.check:
                        with open(path, 'w', encoding='utf-8') as f:
                            f.write(new)
                        changed.append('%s (@since %s)' % (rel, since))
    if args.check:
        for m in missing:
            print('add-since: %s: public type without @since' % m, file=sys.stderr)
        sys.exit(1 if missing else 0)
    for c in changed:
        print('add-since: ' + c)
    print('add-since: %d file(s) changed' % len(changed))


if __name__ == '__main__':
    main()
