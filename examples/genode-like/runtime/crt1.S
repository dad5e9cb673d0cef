/* The example runtime's start file. Like Genode's, it sets up no thread pointer: it never calls
 * arch_prctl(ARCH_SET_FS), so %fs's base stays 0, as the kernel leaves it after execve. A read of
 * native TLS (%fs:offset) therefore lands at 0 + offset.
 *
 * Entry state (System V AMD64 psABI, "Process Initialization"): %rsp points at argc, then the
 * argv pointers, NULL, the envp pointers, NULL, the auxiliary vector. */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp          /* the outermost frame, for debuggers and unwinders */
	movq	%rsp, %rdi          /* __genode_like_start(long *initial_stack) */
	andq	$-16, %rsp          /* the psABI wants %rsp 16-byte aligned before a call */
	callq	__genode_like_start
	hlt                         /* not reached: __genode_like_start exits */
	.size	_start, . - _start

/* The OS ABI note glibc's crt1.o carries too (csu/abi-note.S): "GNU", NT_GNU_ABI_TAG, Linux
 * 3.2.0, the kernel this runtime's system calls need at least. */
	.section .note.ABI-tag, "a", @note
	.p2align 2
	.long	4                   /* name size, "GNU\0" */
	.long	16                  /* descriptor size */
	.long	1                   /* NT_GNU_ABI_TAG */
	.asciz	"GNU"
	.long	0, 3, 2, 0          /* Linux, 3.2.0 */

	.section .note.GNU-stack, "", @progbits
