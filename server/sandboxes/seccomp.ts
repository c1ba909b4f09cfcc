// The sandbox's seccomp profile: everything a nested engine needs is allowed, except the
// kernel keyring calls. Keyrings are not namespaced: every user-namespaced sandbox runs as
// the same host uid, so the per-user key quota (kernel.keys.maxkeys, .maxbytes) is one
// pool for all of them and for every `docker exec` the server makes into any sandbox.
// A learner who filled it would stop every other sandbox's exec, nested run and start.
// Docker's own default profile refuses these calls for the same reason.

/**
 * ENOSYS, not EPERM: runc (the nested engine's, inside the sandbox) treats ENOSYS from
 * keyctl as "no keyrings on this kernel" and goes on without a session keyring; any other
 * error ends the container's start.
 */
const ENOSYS = 38;

/** add_key, keyctl, request_key: every way to create, join or read a key. */
export const REFUSED_KEYRING_CALLS = ['add_key', 'keyctl', 'request_key'] as const;

/** The profile as Docker takes it (`seccomp=<json>`). */
export function sandboxSeccompProfile(): string {
  return JSON.stringify({
    defaultAction: 'SCMP_ACT_ALLOW',
    // The compat architectures too: a 32-bit program would otherwise reach the same calls
    // under their 32-bit numbers.
    archMap: [
      { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
      { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
    ],
    syscalls: [{ names: [...REFUSED_KEYRING_CALLS], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS }],
  });
}
