/** Some sources carry no headline; a link still needs words. */
export const articleTitle = (title: string): string => title.trim() || "Untitled article";
