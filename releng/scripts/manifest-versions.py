#!/usr/bin/env python3
"""Versioned exports and imports in every OSGi manifest of the repository (docs/api.md, "Versions").

Rules applied to bundles/*/, tests/*/ and releng/*/ META-INF/MANIFEST.MF:
  1. Export-Package of org.myoflow.* packages: every clause carries version="x.y.z"; with --min-export-version V,
     a package exported below V is raised to V (never lowered: packages evolve separately after a release).
     x-internal:=true / x-friends:=... directives are kept as they are.
  2. Import-Package of org.myoflow.* packages: version="[M.m,M+1)" where M.m is the major.minor of the version
     that the exporting bundle of this repository declares now (a consumer range: any later minor is compatible).
  3. Import-Package of third-party packages without a version: the range of THIRD_PARTY below, which follows the
     versions pinned in target-platform/myoflow-target.target. DJL is 0.x and breaks its API in minor releases, so
     its range is one minor wide. Existing explicit ranges of third-party packages are kept, except DJL's.
With --check nothing is written; the script lists what it would change and exits 1 when anything differs.
Idempotent: a second run changes nothing.
"""
import argparse
import glob
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))

# package prefix -> version range; keep in step with target-platform/myoflow-target.target
THIRD_PARTY = [
    ('ai.djl', '[0.35,0.36)', True),              # ai.djl:api / ai.djl.pytorch:pytorch-engine 0.35.1
    ('ai.onnxruntime', '[1.29,2)', False),        # com.microsoft.onnxruntime:onnxruntime 1.29.0
    ('ai.onnx.proto', '[1.17,2)', False),         # org.tribuo:tribuo-util-onnx 4.3.2 (ONNX 1.17 schema)
    ('com.google.protobuf', '[4,5)', False),      # protobuf-java 4.36.2
    ('com.google.gson', '[2.10,3)', False),       # gson 2.11.0
    ('picocli', '[4.7,5)', False),                # picocli 4.7.7
    ('org.apache.commons.math3', '[3.6,4)', False),  # commons-math3 3.6.1
    ('org.jfree.chart', '[1.5,2)', False),        # jfreechart 1.5.6
    ('org.ojalgo', '[57.1,58)', False),           # ojalgo 57.1.0
]

# Packages whose exporters declare no version, so no range can be given: the JDK's own packages (exported by the
# system bundle) and libraries whose generated manifests export without versions (jHDF 0.9.4 declares none).
UNVERSIONED = ['javax.xml', 'org.w3c.dom', 'org.xml.sax', 'io.jhdf']

SPLIT = re.compile(r',(?=(?:[^"]*"[^"]*")*[^"]*$)')


def manifests():
    out = []
    for top in ('bundles', 'tests', 'releng'):
        out += glob.glob(os.path.join(ROOT, top, '*', 'META-INF', 'MANIFEST.MF'))
    return sorted(out)


def parse(text):
    """Header name -> (value, start line index, end line index) on the unfolded manifest."""
    lines = text.split('\n')
    headers = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and not line.startswith(' ') and ':' in line:
            j = i + 1
            value = line[line.index(':') + 1:].strip()
            while j < len(lines) and lines[j].startswith(' '):
                value += lines[j][1:]
                j += 1
            headers.append((line[:line.index(':')], value, i, j))
            i = j
        else:
            i += 1
    return lines, headers


def clauses(value):
    return [c.strip() for c in SPLIT.split(value) if c.strip()]


def name_of(clause):
    return clause.split(';')[0].strip()


def set_attr(clause, key, value):
    """Sets key="value" in a clause, keeping the order of the other parameters."""
    parts = [p.strip() for p in re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', clause)]
    new = []
    done = False
    for p in parts:
        if re.match(key + r'\s*=', p) and not re.match(key + r'\s*:=', p):
            if not done:
                new.append('%s="%s"' % (key, value))
                done = True
        else:
            new.append(p)
    if not done:
        new.insert(1, '%s="%s"' % (key, value))
    return ';'.join(new)


def get_attr(clause, key):
    m = re.search(r';\s*' + key + r'\s*=\s*"?([^";]+)"?', clause)
    return m.group(1) if m else None


def vtuple(v):
    parts = [int(x) for x in re.findall(r'\d+', v)[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def fold(header, items):
    return [header + ': ' + items[0] + (',' if len(items) > 1 else '')] + \
        [' ' + c + (',' if k < len(items) - 1 else '') for k, c in enumerate(items[1:], 1)]


def rewrite(path, new_values):
    text = open(path, encoding='utf-8').read()
    lines, headers = parse(text)
    for name, value, start, end in reversed(headers):
        if name in new_values:
            lines[start:end] = fold(name, new_values[name])
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--min-export-version', help='raise every org.myoflow export below this version (or without one) to it')
    ap.add_argument('--check', action='store_true', help='write nothing; exit 1 when a manifest breaks the rules')
    args = ap.parse_args()

    problems = []
    # pass 1: exports
    exported = {}
    plans = {}
    for mf in manifests():
        _, headers = parse(open(mf, encoding='utf-8').read())
        values = {}
        for name, value, _, _ in headers:
            if name != 'Export-Package':
                continue
            items = []
            for c in clauses(value):
                pkg = name_of(c)
                if pkg.startswith('org.myoflow'):
                    v = get_attr(c, 'version')
                    if v is None and not args.min_export_version:
                        problems.append('%s: export of %s has no version (give it one, or run with '
                                        '--min-export-version X.Y.Z)' % (os.path.relpath(mf, ROOT), pkg))
                        v = '0.0.0'
                    elif args.min_export_version and (v is None or vtuple(v) < vtuple(args.min_export_version)):
                        v = args.min_export_version
                    if get_attr(c, 'version') is not None or args.min_export_version:
                        c = set_attr(c, 'version', '%d.%d.%d' % vtuple(v))
                    exported[pkg] = vtuple(v)
                items.append(c)
            values[name] = items
        plans[mf] = values

    # pass 2: imports
    for mf in manifests():
        _, headers = parse(open(mf, encoding='utf-8').read())
        for name, value, _, _ in headers:
            if name != 'Import-Package':
                continue
            items = []
            for c in clauses(value):
                pkg = name_of(c)
                if pkg.startswith('org.myoflow'):
                    if pkg in exported:
                        major, minor, _ = exported[pkg]
                        c = set_attr(c, 'version', '[%d.%d,%d)' % (major, minor, major + 1))
                    else:
                        problems.append('%s: imports %s, which no bundle of this repository exports'
                                        % (os.path.relpath(mf, ROOT), pkg))
                else:
                    for prefix, rng, force in THIRD_PARTY:
                        if pkg == prefix or pkg.startswith(prefix + '.'):
                            if force or get_attr(c, 'version') is None:
                                c = set_attr(c, 'version', rng)
                            break
                    if get_attr(c, 'version') is None and not any(
                            pkg == u or pkg.startswith(u + '.') for u in UNVERSIONED):
                        problems.append('%s: import of %s has no version range (add its prefix to THIRD_PARTY in %s)'
                                        % (os.path.relpath(mf, ROOT), pkg, os.path.relpath(__file__, ROOT)))
                items.append(c)
            plans[mf][name] = items

    changed = []
    for mf, values in plans.items():
        old = open(mf, encoding='utf-8').read()
        new = rewrite(mf, values)
        if new != old:
            changed.append(os.path.relpath(mf, ROOT))
            if not args.check:
                with open(mf, 'w', encoding='utf-8') as f:
                    f.write(new)
    for p in problems:
        print('manifest-versions: ' + p, file=sys.stderr)
    if args.check:
        for c in changed:
            print('manifest-versions: %s does not follow the version rules (run releng/scripts/manifest-versions.py)'
                  % c, file=sys.stderr)
        sys.exit(1 if changed or problems else 0)
    for c in changed:
        print('manifest-versions: rewrote ' + c)
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
