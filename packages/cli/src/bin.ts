console.log("mailroom");
