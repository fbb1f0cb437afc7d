'''The checks of a Python test, printed as TAP at the end.

    from solace_tap import check, report
    check('the name of what must hold', condition, 'what to print if not')
    sys.exit(report())
'''

# SPDX-License-Identifier: GPL-3.0-or-later

results = []


def check(name, ok, detail=''):
    results.append((name, bool(ok), detail))


def report():
    '''Prints every check as TAP; returns the exit status (1 on a failure).'''
    print(f'1..{len(results)}')
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {name}')
        if not ok:
            failed += 1
            if detail:
                print(f'# {detail}')
    return 1 if failed else 0
