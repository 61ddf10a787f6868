"""Parse a PolNeAR split once with the project's spaCy pipeline and cache it as a DocBin.

python training/parse_polnear.py ../shared/data/attribution/polnear/train /tmp/newsclaims-cache/attribution/train.spacy
"""

from __future__ import annotations

import sys
import time

from spacy.tokens import DocBin

from newsclaims import nlp as nlp_module
from newsclaims.extract.attribution.polnear import read_split


def main(split: str, out: str) -> None:
    articles = list(read_split(split))
    nlp = nlp_module.load()
    docbin = DocBin(store_user_data=False)
    started = time.time()
    for i, doc in enumerate(nlp.pipe((a.text for a in articles), batch_size=16), start=1):
        docbin.add(doc)
        if i % 50 == 0:
            print(f"{i}/{len(articles)} {time.time() - started:.0f}s", file=sys.stderr)
    docbin.to_disk(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
