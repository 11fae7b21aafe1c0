// The completion scripts `tcdyn completion <shell>` prints. Each hands the words typed so far to
// `tcdyn __complete`, so services and methods come from the references tcdyn sees at that moment.

const BASH = `# tcdyn completion for bash. Install: eval "$(tcdyn completion bash)" in ~/.bashrc
_tcdyn_complete() {
  local IFS=$'\\n'
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  COMPREPLY=($(compgen -W "$(tcdyn __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "$cur"))
}
complete -o default -F _tcdyn_complete tcdyn
`;

const ZSH = `#compdef tcdyn
# tcdyn completion for zsh. Install: source <(tcdyn completion zsh) in ~/.zshrc, after compinit
_tcdyn() {
  local -a candidates
  candidates=(\${(f)"$(tcdyn __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)"})
  compadd -a candidates
}
compdef _tcdyn tcdyn
`;

const FISH = `# tcdyn completion for fish. Install: tcdyn completion fish > ~/.config/fish/completions/tcdyn.fish
function __tcdyn_complete
    set -l words (commandline -opc) (commandline -ct)
    tcdyn __complete $words[2..-1] 2>/dev/null
end
complete -c tcdyn -f -a '(__tcdyn_complete)'
`;

export const COMPLETION_SCRIPTS: Readonly<Record<string, string>> = {
  bash: BASH,
  zsh: ZSH,
  fish: FISH,
};
