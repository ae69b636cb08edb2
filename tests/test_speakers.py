"""The speaker registry's name index finds what a pass over every entity would."""

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.resolve.speakers import Entity, Registry


def _first_named(entities: list[Entity], name: str) -> Entity | None:
    words = name.lower().split()
    for e in entities:
        ew = e.words
        if ew == words or (len(words) == 1 and words[0] in ew and len(words[0]) > 1) or (len(ew) == 1 and ew[0] in words):
            return e
    return None


WORDS = st.sampled_from(["Li", "Shangfu", "Olaf", "Scholz", "A", "Merkel", "Angela", "li"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=3).map(" ".join), max_size=12), st.lists(WORDS, min_size=1, max_size=3).map(" ".join))
def test_find_agrees_with_a_pass_over_every_entity(names, query):
    reg, plain = Registry(), []
    for name in names:  # as build_registry merges them
        ent = reg.find(name)
        assert ent is _first_named(plain, name)
        if ent is None:
            ent = Entity(name=name)
            reg.add(ent)
            plain.append(ent)
        elif len(name.split()) > len(ent.name.split()):
            reg.rename(ent, name)
    assert reg.find(query) is _first_named(plain, query)


def test_nearest_by_role_before_and_after():
    reg = Registry()
    for name, role, positions in [("Li Shangfu", "verteidigungsminister", [(0, 1), (5, 0)]), ("Olaf Scholz", "kanzler", [(2, 0)]), ("Boris Pistorius", "minister", [(3, 4)])]:
        e = Entity(name=name, kind="person", roles={role}, positions=positions)
        reg.add(e)
    keys = [("role", r) for r in reg.compatible_roles("minister")]
    assert [k[1] for k in keys] == ["minister", "verteidigungsminister"]
    assert reg.nearest((4, 0), keys, lambda e: True).name == "Boris Pistorius"
    assert reg.nearest((6, 0), keys, lambda e: True).name == "Li Shangfu"
    assert reg.nearest((0, 0), keys, lambda e: True).name == "Li Shangfu"  # none before: the first after
    assert reg.nearest((4, 0), keys, lambda e: e.name != "Boris Pistorius").name == "Li Shangfu"
    assert reg.nearest((4, 0), [("role", "papst")], lambda e: True) is None
