"""factex's records on the dev corpus against the committed snapshot: a change in any record
fails with a readable diff. Regenerate after an intended change with
``python -m factex.evaluation.snapshot`` and commit the diff with the change."""

from factex.evaluation import snapshot


def test_dev_corpus_records_match_the_snapshot(extractor):
    old = snapshot.SNAPSHOT.read_text(encoding="utf-8").splitlines()
    new = snapshot.snapshot_lines(snapshot.dev_records())
    changes = snapshot.diff(old, new)
    assert not changes, ("records changed (- snapshot, + now); if intended, run "
                         "`python -m factex.evaluation.snapshot`:\n" + "\n".join(changes[:200]))


def test_the_diff_names_a_changed_record():
    old = ["d\tevent\t[\"visit\",\"visited\",0,7,\"2009\",null,[],null,null]"]
    new = ["d\tevent\t[\"visit\",\"visited\",0,7,\"2010\",null,[],null,null]"]
    changes = snapshot.diff(old, new)
    assert any(c.startswith("-d\tevent") and "2009" in c for c in changes)
    assert any(c.startswith("+d\tevent") and "2010" in c for c in changes)
    assert snapshot.diff(old, old) == []
