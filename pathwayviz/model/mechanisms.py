"""Reading the pathway file's debated mechanisms (variants), named states (presets) and card claims.

Each reader takes the loader's field checker (``ck``: ``problem``, ``mapping``, ``sequence``,
``text``, ``number``) so every mistake is reported with file:line like the rest of the file.
"""

from __future__ import annotations

from .fields import close_matches, item_line
from .pathway import CLAIM_ACTIONS, CLAIM_DIRECTIONS, Claim, Interaction, Preset, Variant, VariantOption


def nearest(name: str, known) -> str:
    """'; did you mean ...?' naming the closest known ids, or a hint to check the spelling."""
    known = [str(k) for k in known]
    needle = str(name).lower()
    close = [k for k in known if needle and needle in k.lower()][:3]
    by_lower = {k.lower(): k for k in known}  # case does not count: 'AKT' and 'angii' find 'akt' and 'AngII'
    close += [by_lower[k] for k in close_matches(needle, list(by_lower), n=3, cutoff=0.5)
              if by_lower[k] not in close]
    close = close[:3]
    if close:
        return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "; check the spelling against `pathwayviz info`"


def read_variants(ck, top, interactions: list[Interaction], fields) -> list[Variant]:
    """``variants:`` — each a debated mechanism with options that re-weight named interactions."""
    named = {it.id: it for it in interactions if it.id}
    variants: list[Variant] = []
    raw = top.get("variants")
    for i, entry in enumerate(ck.sequence(raw, top.line_of("variants"), "'variants'")):
        m = ck.mapping(entry, item_line(raw, i, top.line_of("variants")), f"variant {i + 1}")
        if m is None:
            continue
        vid = ck.text(m, "id", f"variant {i + 1}")
        what = f"variant '{vid}'"
        ck.unknown_keys(m, fields["variant"], what)
        options: list[VariantOption] = []
        raw_opts = m.get("options")
        for j, oraw in enumerate(ck.sequence(raw_opts, m.line_of("options"), f"{what} options")):
            om = ck.mapping(oraw, item_line(raw_opts, j, m.line_of("options")), f"{what} option {j + 1}")
            if om is None:
                continue
            oid = ck.text(om, "id", f"{what} option {j + 1}")
            owhat = f"{what} option '{oid}'"
            ck.unknown_keys(om, fields["variant option"], owhat)
            weights = []
            wm_raw = om.get("weights")
            if wm_raw is not None:
                wm = ck.mapping(wm_raw, om.line_of("weights"), f"{owhat} weights")
                for name in (wm or {}):
                    if name not in named:
                        ck.problem(wm.line_of(name), f"{owhat} re-weights unknown interaction '{name}'"
                                                     f"{nearest(name, named)}; give the interaction an 'id:'")
                        continue
                    weights.append((str(name), ck.number(wm, name, f"{owhat} weight", 1.0, lo=0.0, hi=1.0)))
            options.append(VariantOption(oid, ck.text(om, "label", owhat, required=False, default=oid),
                                         tuple(weights), ck.text(om, "card", owhat, required=False),
                                         _read_hill(ck, om, owhat, named, fields)))
        if not options:
            ck.problem(m.line, f"{what} has no options; add 'options:' with at least one")
            continue
        ids = [o.id for o in options]
        default = ck.text(m, "default", what, required=False, default=ids[0])
        if default not in ids:
            ck.problem(m.line_of("default"), f"{what} default '{default}' is not one of its options "
                                             f"({', '.join(ids)}){nearest(default, ids)}")
            default = ids[0]
        variants.append(Variant(vid, ck.text(m, "label", what, required=False, default=vid), default,
                                tuple(options)))
    return variants


def _read_hill(ck, om, owhat: str, named: dict, fields) -> tuple[tuple[str, float, float], ...]:
    """An option's ``hill: {interaction_id: {ec50: 0.2, n: 2}}`` (either key may be left out)."""
    raw = om.get("hill")
    if raw is None:
        return ()
    hm = ck.mapping(raw, om.line_of("hill"), f"{owhat} hill")
    out = []
    for name in (hm or {}):
        if name not in named:
            ck.problem(hm.line_of(name), f"{owhat} changes the Hill step of unknown interaction '{name}'"
                                         f"{nearest(name, named)}; give the interaction an 'id:'")
            continue
        step = ck.mapping(hm[name], hm.line_of(name), f"{owhat} hill '{name}'")
        if step is None:
            continue
        swhat = f"{owhat} hill '{name}'"
        ck.unknown_keys(step, fields["hill step"], swhat)
        it = named[name]
        ec50 = ck.number(step, "ec50", swhat, it.ec50, lo=0.0, lo_open=True, hi=1.0)
        n = ck.number(step, "n", swhat, it.n, lo=0.0, lo_open=True, hi=20.0)
        if not 1e-6 <= ec50 ** n < 0.5:
            ck.problem(step.line, f"{swhat}: EC50^n = {ec50:g}^{n:g} = {ec50 ** n:.3g} must lie between 1e-06 and 0.5 "
                                  f"for the normalized-Hill curve to exist and be computable")
            continue
        out.append((str(name), ec50, n))
    return tuple(out)


def read_presets(ck, top, species, inputs, toggles, drugs, variants: list[Variant], fields) -> list[Preset]:
    """``presets:`` — named states, each a set of input, toggle, drug and variant values."""
    input_ids = [c.species for c in inputs]
    toggle_ids = [t.species for t in toggles]
    drug_ids = [d.id for d in drugs]
    by_variant = {v.id: v for v in variants}
    presets: list[Preset] = []
    raw = top.get("presets")
    for i, entry in enumerate(ck.sequence(raw, top.line_of("presets"), "'presets'")):
        m = ck.mapping(entry, item_line(raw, i, top.line_of("presets")), f"preset {i + 1}")
        if m is None:
            continue
        pid = ck.text(m, "id", f"preset {i + 1}")
        what = f"preset '{pid}'"
        ck.unknown_keys(m, fields["preset"], what)
        levels = {key: _levels(ck, m, key, what, known)
                  for key, known in (("inputs", input_ids), ("toggles", toggle_ids), ("drugs", drug_ids))}
        chosen = []
        vm_raw = m.get("variants")
        if vm_raw is not None:
            vm = ck.mapping(vm_raw, m.line_of("variants"), f"{what} variants")
            for name in (vm or {}):
                line = vm.line_of(name)
                if name not in by_variant:
                    ck.problem(line, f"{what} sets unknown variant '{name}'{nearest(name, by_variant)}")
                    continue
                option = str(vm[name])
                ids = [o.id for o in by_variant[name].options]
                if option not in ids:
                    ck.problem(line, f"{what}: '{option}' is not an option of variant '{name}'{nearest(option, ids)}")
                    continue
                chosen.append((str(name), option))
        presets.append(Preset(pid, ck.text(m, "label", what, required=False, default=pid),
                              ck.text(m, "description", what, required=False),
                              levels["inputs"], levels["toggles"], levels["drugs"], tuple(chosen)))
    return presets


def read_claims(ck, m, what: str, species, inputs, toggles, drugs, preset_ids, fields,
                variants: list[Variant] = ()) -> tuple[Claim, ...]:
    """A species' ``claims:`` list, e.g. ``- {knockout: srebp1c, lowers: dnl, preset: meal}``."""
    by_variant = {v.id: [o.id for o in v.options] for v in variants}
    raw = m.get("claims")
    claims = []
    raisable = [c.species for c in inputs] + [t.species for t in toggles]
    for j, entry in enumerate(ck.sequence(raw, m.line_of("claims"), f"{what} claims")):
        line = item_line(raw, j, m.line_of("claims"))
        cm = ck.mapping(entry, line, f"{what} claim {j + 1}")
        if cm is None:
            continue
        cwhat = f"{what} claim {j + 1}"
        ck.unknown_keys(cm, fields["claim"], cwhat)
        actions = [a for a in CLAIM_ACTIONS if a in cm]
        directions = [d for d in CLAIM_DIRECTIONS if d in cm]
        if len(actions) != 1 or len(directions) != 1:
            ck.problem(cm.line, f"{cwhat} needs exactly one of {', '.join(CLAIM_ACTIONS)} and one of "
                                f"{', '.join(CLAIM_DIRECTIONS)}, e.g. {{knockout: srebp1c, lowers: dnl}}")
            continue
        action, direction = actions[0], directions[0]
        subject = ck.text(cm, action, cwhat)
        target = ck.text(cm, direction, cwhat)
        known = {"knockout": list(species), "overexpress": list(species), "raise": raisable,
                 "drug": [d.id for d in drugs]}[action]
        if subject not in known:
            ck.problem(cm.line_of(action), f"{cwhat}: cannot {action} '{subject}'{nearest(subject, known)}")
        if target not in species:
            ck.problem(cm.line_of(direction), f"{cwhat} names unknown species '{target}'{nearest(target, species)}")
        preset = ck.text(cm, "preset", cwhat, required=False)
        if preset and preset not in preset_ids:
            ck.problem(cm.line_of("preset"), f"{cwhat} starts from unknown preset '{preset}'"
                                             f"{nearest(preset, preset_ids)}")
        by = ck.number(cm, "by", cwhat, 0.02, lo=0.0, hi=1.0)
        variant = ck.text(cm, "variant", cwhat, required=False)
        if variant:
            name, sep, option = variant.partition("=")
            if not sep or name not in by_variant or option not in by_variant[name]:
                known = [f"{v}={o}" for v, options in by_variant.items() for o in options]
                ck.problem(cm.line_of("variant"), f"{cwhat}: variant '{variant}' is not NAME=OPTION of this "
                                                  f"pathway{nearest(variant, known)}")
                variant = ""
        claims.append(Claim(action, subject, direction, target, preset, by, variant))
    return tuple(claims)


def _levels(ck, m, key: str, what: str, known: list[str]) -> tuple[tuple[str, float], ...]:
    raw = m.get(key)
    if raw is None:
        return ()
    lm = ck.mapping(raw, m.line_of(key), f"{what} {key}")
    out = []
    for name in (lm or {}):
        if name not in known:
            ck.problem(lm.line_of(name), f"{what} {key}: unknown id '{name}'{nearest(name, known)}")
            continue
        out.append((str(name), ck.number(lm, name, f"{what} {key}", 0.0, lo=0.0, hi=1.0)))
    return tuple(out)
