// The Python package's version module (python/src/crownest/_version.py), from
// package.json's "version", so the npm and PyPI packages always carry the same
// release. pyproject.toml reads it (hatch's version source).

/** npm's semver as PEP 440: 1.2.3 stays, 1.2.3-alpha.1 / -beta.1 / -rc.1 become 1.2.3a1 / b1 / rc1. */
export function pep440(version) {
  const m = /^(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)\.(\d+))?$/.exec(version);
  if (!m) throw new Error(`package.json version ${version} has no PEP 440 form`);
  const [, release, pre, n] = m;
  return pre ? `${release}${{ alpha: "a", beta: "b", rc: "rc" }[pre]}${n}` : release;
}

export function pythonVersion(version) {
  return (
    "# Generated from package.json by scripts/generate.mjs. Do not edit.\n" +
    `__version__ = "${pep440(version)}"\n`
  );
}
