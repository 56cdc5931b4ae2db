/**
 * Saves text as a file through the browser's download (nothing leaves the machine).
 *
 * @example
 * ```ts
 * downloadText('schema-report.md', markdown, 'text/markdown')
 * ```
 */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoke after the click has been handled, or the download can be cancelled.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * Copies text to the clipboard; false when the browser refuses (no permission, insecure context).
 *
 * @example
 * ```ts
 * if (!(await copyText(sql))) alert('Select the text and copy it')
 * ```
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
